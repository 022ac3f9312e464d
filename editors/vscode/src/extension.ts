// Entry point: starts the gloss server and wires its parts (chat view, grep results, status
// bar, commands) to it; settings and the stored API key follow the user's changes.
import * as vscode from 'vscode';
import { ChatViewProvider } from './chatView';
import { API_KEY_SECRET, GlossClient } from './client';
import { registerCommands } from './commands';
import { GrepTree } from './grepTree';
import { SessionCommands } from './sessions';
import { StatusBar } from './status';

let gloss: GlossClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  gloss = new GlossClient(context);
  const client = gloss;
  // The chat view and the session commands refer to each other through these callbacks.
  let chat: ChatViewProvider | undefined;
  const sessions = new SessionCommands(
    client,
    (id) => chat!.openSession(id),
    () => void chat!.sessionsChanged(),
  );
  chat = new ChatViewProvider(context.extensionUri, client, sessions);
  const grep = new GrepTree(client);
  const status = new StatusBar(client);
  context.subscriptions.push(
    client,
    grep,
    status,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gloss')) void client.onSettingsChanged(e);
    }),
    context.secrets.onDidChange((e) => {
      if (e.key === API_KEY_SECRET) void client.onSettingsChanged();
    }),
  );
  registerCommands({ context, gloss: client, chat, grep, sessions, status });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await gloss?.stop();
  gloss = undefined;
}
