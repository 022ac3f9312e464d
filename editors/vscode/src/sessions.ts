// Chat sessions from the palette: list (pick one to open it in the chat view), rename, delete
// and export (Markdown or JSON into a new editor). The chat view's history uses the same calls.
import * as vscode from 'vscode';
import { GlossClient } from './client';
import { Methods, Session, SessionList } from './protocol';

export function sessionLabel(s: Session): string {
  return s.title.trim() !== '' ? s.title : `Session ${s.id}`;
}

export class SessionCommands {
  constructor(
    private readonly gloss: GlossClient,
    private readonly open: (sessionId: number) => Promise<void>,
    private readonly changed: () => void,
  ) {}

  list(query?: string): Promise<Session[]> {
    const params = query ? { query, limit: 200 } : { limit: 200 };
    return this.gloss.request<SessionList>(Methods.sessionsList, params).then((r) => r.sessions);
  }

  // Asks the user for a session; `sessionId` skips the question.
  private async pick(placeHolder: string, sessionId?: number): Promise<Session | undefined> {
    const sessions = await this.list();
    if (sessionId !== undefined) return sessions.find((s) => s.id === sessionId);
    if (!sessions.length) {
      void vscode.window.showInformationMessage('gloss: no chat sessions yet.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      sessions.map((s) => ({
        label: sessionLabel(s),
        description: new Date(s.updatedAt).toLocaleString(),
        session: s,
      })),
      { placeHolder, matchOnDescription: true },
    );
    return picked?.session;
  }

  async showList(): Promise<void> {
    const session = await this.pick('Open a chat session');
    if (!session) return;
    const action = await vscode.window.showQuickPick(['Open', 'Rename', 'Delete', 'Export'], {
      placeHolder: sessionLabel(session),
    });
    if (action === 'Open') await this.open(session.id);
    if (action === 'Rename') await this.rename(session.id);
    if (action === 'Delete') await this.delete(session.id);
    if (action === 'Export') await this.export(session.id);
  }

  async rename(sessionId?: number): Promise<void> {
    const session = await this.pick('Rename which session?', sessionId);
    if (!session) return;
    const title = await vscode.window.showInputBox({
      prompt: 'New title',
      value: session.title,
      validateInput: (v) => (v.trim() === '' ? 'The title cannot be empty' : undefined),
    });
    if (title === undefined) return;
    await this.gloss.request(Methods.sessionsRename, { sessionId: session.id, title: title.trim() });
    this.changed();
  }

  async delete(sessionId?: number): Promise<void> {
    const session = await this.pick('Delete which session?', sessionId);
    if (!session) return;
    const sure = await vscode.window.showWarningMessage(
      `Delete the chat session "${sessionLabel(session)}"?`,
      { modal: true },
      'Delete',
    );
    if (sure !== 'Delete') return;
    await this.gloss.request(Methods.sessionsDelete, { sessionId: session.id });
    this.changed();
  }

  async export(sessionId?: number): Promise<void> {
    const session = await this.pick('Export which session?', sessionId);
    if (!session) return;
    const format = await vscode.window.showQuickPick(['markdown', 'json'], { placeHolder: 'Format' });
    if (!format) return;
    const result = await this.gloss.request<{ content: string }>(Methods.sessionsExport, {
      sessionId: session.id,
      format,
    });
    const doc = await vscode.workspace.openTextDocument({ content: result.content, language: format });
    await vscode.window.showTextDocument(doc);
  }
}
