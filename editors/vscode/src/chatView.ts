// The chat view (a webview in gloss's own activity-bar container). The host keeps the
// transcript and renders its Markdown (src/markdown.ts, which escapes everything); the page
// (media/chat.js) only shows HTML, sends what the user types, completes slash commands and
// forwards clicks on code-block buttons, references and the session history. Chat messages go
// to gloss/chat and stream; Explain / Generate Tests / Summarize answers are shown here too.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { GlossClient } from './client';
import { createFile, insertAtCursor, openReference } from './editorActions';
import { escapeHtml, renderMarkdown, renderReferenceList, ReferenceEntry } from './markdown';
import {
  ChatParams,
  ChatResult,
  CommandResult,
  Methods,
  ProposedFile,
  Reference,
  RequestCancelled,
  SessionDetail,
  SlashCommand,
} from './protocol';
import { sessionLabel, SessionCommands } from './sessions';

type Role = 'user' | 'assistant' | 'command';

interface Entry {
  id: string;
  role: Role;
  markdown: string;
  note?: string;
  references?: ReferenceEntry[];
  files?: ProposedFile[];
}

const RENDER_INTERVAL_MS = 50;

function referenceEntries(refs: Reference[] | undefined): ReferenceEntry[] {
  return (refs ?? []).map((r) => ({
    uri: r.uri,
    startLine: r.range.start.line,
    endLine: r.range.end.line,
    label: `${vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri))}:${r.range.start.line + 1}${r.symbol ? ` ${r.symbol}` : ''}${r.role ? ` (${r.role})` : ''}`,
  }));
}

function proposalsHtml(entry: Entry): string {
  return (entry.files ?? [])
    .map(
      (f, i) =>
        `<div class="proposal"><button data-action="create-proposal" data-entry="${entry.id}" data-index="${i}">` +
        `${f.exists ? 'Replace' : 'Create'} <code>${escapeHtml(vscode.workspace.asRelativePath(f.path))}</code></button></div>`,
    )
    .join('');
}

export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'gloss.chat';
  private view: vscode.WebviewView | undefined;
  private entries: Entry[] = [];
  private sessionId: number | undefined;
  private title = 'New chat';
  private running: vscode.CancellationTokenSource | undefined;
  private nextId = 1;
  private readyWaiters: (() => void)[] = [];
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly gloss: GlossClient,
    private readonly sessions: SessionCommands,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    view.webview.onDidReceiveMessage((m) => void this.onMessage(m).catch((e) => this.showError(e)));
    view.onDidDispose(() => {
      this.view = undefined;
      this.ready = false;
    });
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css'));
    return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><link href="${style}" rel="stylesheet"><title>gloss chat</title></head>
<body><header><span id="title"></span><button id="history" title="Session history">History</button><button id="new" title="New chat">New</button></header>
<section id="sessions" hidden></section><main id="transcript"></main><ul id="completions" hidden></ul>
<footer><textarea id="input" rows="3" placeholder="Ask about your code, or type / for commands (Enter sends, Shift+Enter adds a line)"></textarea>
<div class="buttons"><button id="send">Send</button><button id="stop" hidden>Stop</button></div></footer>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
  }

  // Shows the view and waits until its page can take messages.
  async reveal(): Promise<void> {
    if (!this.view) await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    else this.view.show(true);
    if (!this.ready) await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
  }

  private post(message: object): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  private render(entry: Entry): object {
    const html = renderMarkdown(entry.markdown) + renderReferenceList(entry.references ?? []) + proposalsHtml(entry);
    return { id: entry.id, role: entry.role, html, note: entry.note ?? '' };
  }

  private resetView(): void {
    this.post({ type: 'reset', title: this.title, entries: this.entries.map((e) => this.render(e)) });
  }

  private add(role: Role, markdown: string): Entry {
    const entry: Entry = { id: `e${this.nextId++}`, role, markdown };
    this.entries.push(entry);
    this.post({ type: 'entry', entry: this.render(entry) });
    return entry;
  }

  private update(entry: Entry): void {
    this.post({ type: 'entry', entry: this.render(entry) });
  }

  private setBusy(busy: boolean): void {
    this.post({ type: 'busy', busy });
  }

  // Runs one streamed request into a new assistant entry; re-renders at most every 50 ms.
  private async stream<R extends CommandResult>(method: string, params: object, entry: Entry): Promise<R | undefined> {
    this.running?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.running = cancel;
    this.setBusy(true);
    entry.note = 'waiting for the answer…';
    this.update(entry);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await this.gloss.request<R>(method, params, cancel.token, {
        onText: (text) => {
          entry.markdown = text;
          entry.note = undefined;
          timer ??= setTimeout(() => {
            timer = undefined;
            this.update(entry);
          }, RENDER_INTERVAL_MS);
        },
      });
      entry.markdown = result.content;
      entry.note = undefined;
      entry.references = referenceEntries(result.references);
      entry.files = result.files;
      if (result.error) entry.note = `incomplete: ${result.error.message}`;
      return result;
    } catch (e) {
      const code = (e as { code?: number }).code;
      entry.note = code === RequestCancelled ? 'stopped' : `error: ${e instanceof Error ? e.message : String(e)}`;
      return undefined;
    } finally {
      if (timer) clearTimeout(timer);
      this.update(entry);
      if (this.running === cancel) this.running = undefined;
      cancel.dispose();
      this.setBusy(false);
    }
  }

  private editorContext(): Pick<ChatParams, 'textDocument' | 'position' | 'range'> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !vscode.workspace.getWorkspaceFolder(editor.document.uri)) return {};
    const textDocument = { uri: editor.document.uri.toString() };
    const s = editor.selection;
    if (s.isEmpty) return { textDocument, position: { line: s.active.line, character: s.active.character } };
    return {
      textDocument,
      range: { start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } },
    };
  }

  // Sends a chat message in the current session (a new one when none is open).
  async send(message: string): Promise<void> {
    await this.reveal();
    this.add('user', message);
    const reply = this.add('assistant', '');
    const params: ChatParams = { message, sessionId: this.sessionId, ...this.editorContext() };
    const result = await this.stream<ChatResult>(Methods.chat, params, reply);
    if (!result) return;
    this.sessionId = result.sessionId;
    if (result.status !== 'complete') reply.note = result.status;
    this.update(reply);
    if (result.title) this.post({ type: 'title', title: (this.title = result.title) });
  }

  // Shows a direct command's answer (explain, generate tests, summarize), not saved in a session.
  async runCommand(heading: string, method: string, params: object): Promise<void> {
    await this.reveal();
    this.add('command', heading);
    const entry = this.add('assistant', '');
    await this.stream<CommandResult>(method, params, entry);
  }

  async openSession(sessionId: number): Promise<void> {
    await this.reveal();
    const detail = await this.gloss.request<SessionDetail>(Methods.sessionsGet, { sessionId, limit: 200 });
    this.sessionId = sessionId;
    this.title = sessionLabel(detail.session);
    this.entries = detail.messages.map((m) => ({
      id: `e${this.nextId++}`,
      role: m.role === 'user' ? 'user' : 'assistant',
      markdown: m.content,
      note: m.status === 'complete' ? undefined : m.status,
      references: (m.metadata?.references ?? []).map((r) => ({
        uri: r.path,
        startLine: r.startLine,
        endLine: r.endLine + 1,
        label: `${vscode.workspace.asRelativePath(r.path)}:${r.startLine + 1}`,
      })),
    }));
    this.resetView();
  }

  newSession(): void {
    this.running?.cancel();
    this.sessionId = undefined;
    this.title = 'New chat';
    this.entries = [];
    this.resetView();
  }

  // The session list changed elsewhere (rename, delete): refresh the history and the title.
  async sessionsChanged(): Promise<void> {
    const sessions = await this.sessions.list();
    const current = sessions.find((s) => s.id === this.sessionId);
    if (this.sessionId !== undefined && !current) this.newSession();
    else if (current) this.post({ type: 'title', title: (this.title = sessionLabel(current)) });
    this.post({
      type: 'history',
      current: this.sessionId ?? null,
      sessions: sessions.map((s) => ({ id: s.id, label: sessionLabel(s), when: new Date(s.updatedAt).toLocaleString() })),
    });
  }

  private showError(e: unknown): void {
    void vscode.window.showErrorMessage(`gloss: ${e instanceof Error ? e.message : String(e)}`);
  }

  private async onMessage(m: Record<string, unknown>): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.resetView();
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        return;
      case 'send':
        return this.send(String(m.text));
      case 'cancel':
        return this.running?.cancel();
      case 'complete': {
        const r = await this.gloss.request<{ commands: SlashCommand[] }>(Methods.commands, { prefix: String(m.prefix) });
        return this.post({ type: 'completions', items: r.commands });
      }
      case 'copy':
        await vscode.env.clipboard.writeText(String(m.code));
        return void vscode.window.setStatusBarMessage('gloss: code copied', 2000);
      case 'insert':
        return insertAtCursor(String(m.code));
      case 'createFile':
        return createFile(String(m.code), m.path ? String(m.path) : undefined);
      case 'createProposal': {
        const file = this.entries.find((e) => e.id === m.entry)?.files?.[Number(m.index)];
        return file ? createFile(file.content, file.path) : undefined;
      }
      case 'openRef':
        return openReference(String(m.path), m.line ? Number(m.line) : undefined, m.end ? Number(m.end) : undefined);
      case 'openExternal':
        return void vscode.env.openExternal(vscode.Uri.parse(String(m.href)));
      case 'newSession':
        return this.newSession();
      case 'showHistory':
        return this.sessionsChanged();
      case 'openSession':
        return this.openSession(Number(m.id));
      case 'renameSession':
        return this.sessions.rename(Number(m.id));
      case 'deleteSession':
        return this.sessions.delete(Number(m.id));
    }
  }
}
