// The connection to `gloss serve`: finds the binary, starts it with vscode-languageclient,
// hands it the settings (initializationOptions at start, workspace/didChangeConfiguration on
// change; the API key from SecretStorage, never from settings.json), restarts it when it dies
// (unless it keeps dying), and sends gloss's own requests with their streamed `$/progress`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ProgressType,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';
import { resolveServerPath } from './serverPath';
import { buildServerSettings, ServerSettings } from './settings';
import { StreamCollector, StreamListener } from './streaming';

export const API_KEY_SECRET = 'gloss.llm.apiKey';

// Server commands whose code actions run through this extension instead, so their answers
// land in the chat view rather than in a Markdown file.
const CODE_ACTION_COMMANDS: Record<string, string> = {
  'gloss.explain': 'gloss.explainSymbol',
  'gloss.generateTests': 'gloss.generateTestsForSymbol',
  'gloss.summarize': 'gloss.summarizeFile',
};

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export class GlossClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly streams = new StreamCollector();
  private readonly policy = new RestartPolicy();
  private readonly stateEmitter = new vscode.EventEmitter<boolean>();
  private apiKey: string | undefined;
  readonly output = vscode.window.createOutputChannel('gloss', { log: true });
  // Fires with true once the server answered initialize, false when it stopped.
  readonly onDidChangeRunning = this.stateEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  settings(): ServerSettings {
    const config = vscode.workspace.getConfiguration('gloss');
    return buildServerSettings((key) => config.get(key), this.apiKey);
  }

  async start(): Promise<void> {
    this.apiKey = await this.context.secrets.get(API_KEY_SECRET);
    const config = vscode.workspace.getConfiguration('gloss');
    const resolved = resolveServerPath(config.get<string>('server.path'), {
      env: process.env,
      home: os.homedir(),
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      platform: process.platform,
      isExecutable,
    });
    if ('error' in resolved) {
      const choice = await vscode.window.showErrorMessage(resolved.error, 'Open Settings');
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'gloss.server.path');
      return;
    }
    const args = ['serve', ...(config.get<string[]>('server.args') ?? [])];
    const serverOptions: ServerOptions = { command: resolved.path, args };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }],
      outputChannel: this.output,
      initializationOptions: () => this.settings(),
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () =>
          this.policy.shouldRestart(Date.now())
            ? { action: CloseAction.Restart, message: 'gloss stopped unexpectedly; restarting it.' }
            : {
                action: CloseAction.DoNotRestart,
                message: 'gloss stopped 5 times in 3 minutes and was not restarted. See the gloss output, then run "gloss: Restart Server".',
              },
      },
      middleware: {
        provideCodeActions: async (document, range, context, token, next) => {
          const actions = await next(document, range, context, token);
          for (const action of actions ?? []) {
            const command = action instanceof vscode.CodeAction ? action.command : action;
            if (command && CODE_ACTION_COMMANDS[command.command]) {
              command.command = CODE_ACTION_COMMANDS[command.command];
            }
          }
          return actions;
        },
      },
    };
    this.client = new LanguageClient('gloss', 'gloss', serverOptions, clientOptions);
    this.client.onDidChangeState((e) => this.stateEmitter.fire(e.newState === State.Running));
    try {
      await this.client.start();
    } catch (e) {
      this.output.error(`starting ${resolved.path}: ${e}`);
      const choice = await vscode.window.showErrorMessage(`gloss could not start: ${e instanceof Error ? e.message : e}`, 'Show Output');
      if (choice) this.output.show();
    }
  }

  async restart(): Promise<void> {
    this.policy.reset();
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.dispose().catch((e) => this.output.warn(`stopping gloss: ${e}`));
  }

  // Called on settings or secret changes: the binary or its arguments need a new process,
  // anything else is sent to the running one.
  async onSettingsChanged(e?: vscode.ConfigurationChangeEvent): Promise<void> {
    this.apiKey = await this.context.secrets.get(API_KEY_SECRET);
    if (e && (e.affectsConfiguration('gloss.server.path') || e.affectsConfiguration('gloss.server.args'))) {
      await this.restart();
      return;
    }
    if (this.running) {
      await this.client!.sendNotification('workspace/didChangeConfiguration', { settings: this.settings() });
    }
  }

  // Sends a request; when `listener` is given, its streamed values are delivered as they come.
  async request<R>(
    method: string,
    params: object,
    token?: vscode.CancellationToken,
    listener?: StreamListener,
  ): Promise<R> {
    const client = this.client;
    if (!client || client.state !== State.Running) throw new Error('gloss is not running');
    // An undefined token must not be passed on: vscode-jsonrpc would send [params, null].
    const send = (p: object) => (token ? client.sendRequest<R>(method, p, token) : client.sendRequest<R>(method, p));
    if (!listener) return send(params);
    const streamToken = this.streams.open(method.replace(/\W+/g, '-'), listener);
    const subscription = client.onProgress(new ProgressType<unknown>(), streamToken, (value) => {
      this.streams.accept(streamToken, value);
    });
    try {
      return await send({ ...params, partialResultToken: streamToken });
    } finally {
      subscription.dispose();
      this.streams.close(streamToken);
    }
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.output.dispose();
  }
}
