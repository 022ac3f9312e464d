// The status bar item ("gloss: offline · ready") and the indexing notification. Both come from
// gloss/status, asked every second while the index is being built and every 15 seconds after,
// so the item also notices a provider change or a failed index. The server's own work-done
// progress ("n/m files") shows in the window's progress area through the language client.
import * as vscode from 'vscode';
import { GlossClient } from './client';
import { Methods, StatusResult } from './protocol';

const BUSY_POLL_MS = 1000;
const IDLE_POLL_MS = 15000;

export function describeStatus(s: StatusResult): { text: string; tooltip: string } {
  const provider = s.provider.offline ? 'offline' : `${s.provider.name}${s.provider.model ? ' ' + s.provider.model : ''}`;
  const index = s.index.state === 'ready' ? `${s.index.files ?? 0} files` : s.index.state;
  const healthy = s.provider.health?.ok === false || s.provider.configError ? '$(warning) ' : '';
  const lines = [
    `gloss ${s.version}`,
    `Provider: ${provider}${s.provider.health ? ` (${s.provider.health.message})` : ''}`,
    `Index: ${s.index.state}${s.index.files !== undefined ? `, ${s.index.files} files` : ''}`,
    `Sessions: ${s.sessions.path} (${s.sessions.state})`,
  ];
  if (s.provider.configError) lines.push(`Settings: ${s.provider.configError}`);
  if (s.index.error) lines.push(`Index error: ${s.index.error}`);
  return { text: `${healthy}$(sparkle) gloss: ${provider} · ${index}`, tooltip: lines.join('\n') };
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  private timer: NodeJS.Timeout | undefined;
  private indexing: { resolve: () => void; progress: vscode.Progress<{ message?: string }> } | undefined;
  private last: StatusResult | undefined;

  constructor(private readonly gloss: GlossClient) {
    this.item.command = 'gloss.showStatus';
    this.item.text = '$(sparkle) gloss: starting';
    this.item.show();
    gloss.onDidChangeRunning((running) => {
      if (running) this.refreshSoon(0);
      else this.showStopped();
    });
  }

  get status(): StatusResult | undefined {
    return this.last;
  }

  refreshSoon(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  private showStopped(): void {
    this.item.text = '$(circle-slash) gloss: stopped';
    this.item.tooltip = 'The gloss server is not running. Click for details.';
    this.endIndexing();
  }

  private async refresh(): Promise<void> {
    if (!this.gloss.running) return this.showStopped();
    try {
      const s = await this.gloss.request<StatusResult>(Methods.status, {});
      this.last = s;
      const { text, tooltip } = describeStatus(s);
      this.item.text = text;
      this.item.tooltip = tooltip;
      const busy = s.index.state === 'starting' || s.index.state === 'indexing';
      if (busy) this.showIndexing(s);
      else this.endIndexing();
      this.refreshSoon(busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    } catch (e) {
      this.item.text = '$(warning) gloss: no status';
      this.item.tooltip = String(e);
      this.refreshSoon(IDLE_POLL_MS);
    }
  }

  private showIndexing(s: StatusResult): void {
    const message = s.index.files ? `${s.index.files} files so far` : 'walking the workspace';
    if (this.indexing) {
      this.indexing.progress.report({ message });
      return;
    }
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'gloss: indexing the workspace' },
      (progress) =>
        new Promise<void>((resolve) => {
          this.indexing = { resolve, progress };
          progress.report({ message });
        }),
    );
  }

  private endIndexing(): void {
    this.indexing?.resolve();
    this.indexing = undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.endIndexing();
    this.item.dispose();
  }
}
