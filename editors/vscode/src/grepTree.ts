// "gloss: Grep Workspace": asks for a pattern, runs gloss/grep and fills the results tree as
// batches stream in (files, then their matching lines with the enclosing symbol); clicking a
// line opens it with the match selected. The search can be cancelled from its notification.
import * as vscode from 'vscode';
import { GlossClient } from './client';
import { FileHits, GrepResultSet } from './grepModel';
import { GrepMatch, GrepParams, GrepResult, Methods, RequestCancelled } from './protocol';

type Node = FileHits | GrepMatch;

function isFile(node: Node): node is FileHits {
  return 'matches' in node;
}

export class GrepTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'gloss.grepResults';
  private readonly results = new GrepResultSet();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private lastPattern = '';

  constructor(private readonly gloss: GlossClient) {
    this.view = vscode.window.createTreeView(GrepTree.viewId, { treeDataProvider: this, showCollapseAll: true });
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.results.fileList();
    return isFile(node) ? node.matches : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (isFile(node)) {
      const uri = vscode.Uri.parse(node.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.matches.length}`;
      return item;
    }
    const item = new vscode.TreeItem(`${node.line + 1}: ${node.text.trim()}`);
    item.description = node.symbol ? `in ${node.symbol.qualifiedName || node.symbol.name}` : undefined;
    item.tooltip = node.text;
    const first = node.ranges?.[0];
    const selection = first ? new vscode.Range(first.start.line, first.start.character, first.end.line, first.end.character) : new vscode.Range(node.line, 0, node.line, 0);
    item.command = {
      command: 'vscode.open',
      title: 'Open',
      arguments: [vscode.Uri.parse(node.uri), { selection, preview: true }],
    };
    return item;
  }

  clear(): void {
    this.results.replaceAll([]);
    this.view.message = undefined;
    this.changed.fire();
  }

  async run(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const pattern = await vscode.window.showInputBox({
      prompt: 'Search the workspace (RE2 regular expression; prefix with = for a literal string)',
      value: selected && !selected.includes('\n') ? selected : this.lastPattern,
    });
    if (!pattern) return;
    this.lastPattern = pattern;
    const config = vscode.workspace.getConfiguration('gloss');
    const literal = pattern.startsWith('=');
    const params: GrepParams = {
      pattern: literal ? pattern.slice(1) : pattern,
      fixedStrings: literal,
      maxResults: config.get<number>('grep.maxResults') || undefined,
    };
    this.clear();
    await vscode.commands.executeCommand(`${GrepTree.viewId}.focus`);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `gloss: grep ${params.pattern}`, cancellable: true },
      async (progress, token) => {
        const onMatches = (batch: GrepMatch[]) => {
          this.results.add(batch);
          progress.report({ message: `${this.results.matchCount()} lines` });
          this.changed.fire();
        };
        try {
          const result = await this.gloss.request<GrepResult>(Methods.grep, params, token, { onMatches });
          this.results.replaceAll(result.matches);
          this.view.message = `${result.matchCount} matches in ${result.filesMatched} of ${result.filesSearched} files${result.truncated ? ' (stopped at the limit)' : ''}`;
        } catch (e) {
          const code = (e as { code?: number }).code;
          this.view.message = code === RequestCancelled ? 'Search cancelled.' : `Search failed: ${e instanceof Error ? e.message : e}`;
        }
        this.changed.fire();
      },
    );
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
