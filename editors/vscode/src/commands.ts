// The palette, context-menu and keybinding commands. Explain, Generate Tests and Summarize
// call gloss's direct methods and show the streamed answer in the chat view; Summarize Changes
// sends the working tree's diff to the chat; the rest manage grep, sessions, the API key and
// the server.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { ChatViewProvider } from './chatView';
import { API_KEY_SECRET, GlossClient } from './client';
import { GrepTree } from './grepTree';
import { CodeTargetParams, Methods, SummarizeParams } from './protocol';
import { SessionCommands } from './sessions';
import { StatusBar, describeStatus } from './status';

const MAX_DIFF_BYTES = 200 * 1024;

export interface Parts {
  context: vscode.ExtensionContext;
  gloss: GlossClient;
  chat: ChatViewProvider;
  grep: GrepTree;
  sessions: SessionCommands;
  status: StatusBar;
}

// The target at the cursor (or the selection) of the active editor.
function editorTarget(): CodeTargetParams | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('gloss: open a file first.');
    return undefined;
  }
  const s = editor.selection;
  const textDocument = { uri: editor.document.uri.toString() };
  if (s.isEmpty) return { textDocument, position: { line: s.active.line, character: s.active.character } };
  return {
    textDocument,
    range: { start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } },
  };
}

// A heading for the chat view: "Explain report.py:8" or the symbol a code action named.
function describeTarget(params: CodeTargetParams): string {
  if (params.symbol) return '`' + params.symbol + '`';
  if (params.target) return params.target;
  const uri = params.textDocument ? vscode.Uri.parse(params.textDocument.uri) : undefined;
  const line = (params.range?.start ?? params.position)?.line;
  return uri ? `${vscode.workspace.asRelativePath(uri)}${line !== undefined ? ':' + (line + 1) : ''}` : 'the workspace';
}

function gitDiff(cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', ['diff', 'HEAD', '--no-color', '--no-ext-diff'], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout),
    ),
  );
}

async function summarizeChanges(chat: ChatViewProvider): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return void vscode.window.showWarningMessage('gloss: open a folder first.');
  let diff = await gitDiff(folder.uri.fsPath);
  if (diff.trim() === '') return void vscode.window.showInformationMessage('gloss: no uncommitted changes.');
  if (diff.length > MAX_DIFF_BYTES) diff = diff.slice(0, MAX_DIFF_BYTES) + '\n… (diff cut here)';
  await chat.send(`Summarize these uncommitted changes: what changed, why it might have, and anything risky.\n\n\`\`\`diff\n${diff}\n\`\`\``);
}

async function showStatus(parts: Parts): Promise<void> {
  const s = parts.status.status;
  const text = s ? describeStatus(s).tooltip : parts.gloss.running ? 'Waiting for gloss/status.' : 'gloss is not running.';
  const choice = await vscode.window.showInformationMessage(text, { modal: true }, 'Restart Server', 'Set API Key', 'Open Settings', 'Show Output');
  if (choice === 'Restart Server') await parts.gloss.restart();
  if (choice === 'Set API Key') await vscode.commands.executeCommand('gloss.setApiKey');
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:gloss.gloss-vscode');
  if (choice === 'Show Output') parts.gloss.output.show();
}

export function registerCommands(parts: Parts): void {
  const { context, gloss, chat, grep, sessions } = parts;
  const guarded =
    (fn: (...args: never[]) => Promise<void> | void) =>
    async (...args: never[]) => {
      try {
        await fn(...args);
      } catch (e) {
        void vscode.window.showErrorMessage(`gloss: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  const register = (id: string, fn: (...args: never[]) => Promise<void> | void) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, guarded(fn)));

  // Code actions pass the server's own params object; the palette uses the cursor.
  register('gloss.explainSymbol', async (params?: CodeTargetParams) => {
    const target = params ?? editorTarget();
    if (target) await chat.runCommand(`Explain ${describeTarget(target)}`, Methods.explain, target);
  });
  register('gloss.generateTestsForSymbol', async (params?: CodeTargetParams) => {
    const target = params ?? editorTarget();
    if (target) await chat.runCommand(`Generate tests for ${describeTarget(target)}`, Methods.generateTests, target);
  });
  register('gloss.summarizeFile', async (arg?: vscode.Uri | { uri?: string; textDocument?: { uri: string } }) => {
    const uri =
      arg instanceof vscode.Uri ? arg.toString() : (arg?.uri ?? arg?.textDocument?.uri ?? vscode.window.activeTextEditor?.document.uri.toString());
    if (!uri) return void vscode.window.showWarningMessage('gloss: open a file first.');
    const params: SummarizeParams = { uri };
    await chat.runCommand(`Summarize ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}`, Methods.summarize, params);
  });
  register('gloss.summarizeFolder', async (folder?: vscode.Uri) => {
    const target = folder ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false }))?.[0];
    if (!target) return;
    const params: SummarizeParams = { uri: target.toString() };
    await chat.runCommand(`Summarize ${vscode.workspace.asRelativePath(target)}/`, Methods.summarize, params);
  });
  register('gloss.summarizeChanges', () => summarizeChanges(chat));
  register('gloss.grepWorkspace', () => grep.run());
  register('gloss.clearGrepResults', () => grep.clear());
  register('gloss.openChat', () => chat.reveal());
  register('gloss.newChat', async () => {
    await chat.reveal();
    chat.newSession();
  });
  register('gloss.sessions', () => sessions.showList());
  register('gloss.renameSession', () => sessions.rename());
  register('gloss.deleteSession', () => sessions.delete());
  register('gloss.exportSession', () => sessions.export());
  register('gloss.setApiKey', async () => {
    const key = await vscode.window.showInputBox({ prompt: 'API key for the language-model provider (kept in VS Code secret storage)', password: true, ignoreFocusOut: true });
    if (key) await context.secrets.store(API_KEY_SECRET, key.trim());
  });
  register('gloss.clearApiKey', async () => {
    await context.secrets.delete(API_KEY_SECRET);
  });
  register('gloss.restartServer', () => gloss.restart());
  register('gloss.showStatus', () => showStatus(parts));
}
