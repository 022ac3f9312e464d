// What answers can do in the editor: open a reference at its lines, insert code at the cursor,
// create a file (generated tests) without silently overwriting one. Paths in answers are
// absolute, file URIs, or relative to a workspace folder.
import * as path from 'node:path';
import * as vscode from 'vscode';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

// The file a reference names, or undefined when none of the candidates exists.
export async function resolveReference(ref: string): Promise<vscode.Uri | undefined> {
  if (ref.startsWith('file://')) return vscode.Uri.parse(ref);
  if (path.isAbsolute(ref)) return vscode.Uri.file(ref);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = vscode.Uri.joinPath(folder.uri, ref.replace(/^\.\//, ''));
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

// Opens `ref` with lines `line`..`endLine` (1-based) selected.
export async function openReference(ref: string, line?: number, endLine?: number): Promise<void> {
  const uri = await resolveReference(ref);
  if (!uri) {
    void vscode.window.showWarningMessage(`gloss: ${ref} is not a file of this workspace.`);
    return;
  }
  const start = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  const end = endLine && endLine > (line ?? 1) ? new vscode.Position(endLine - 1, 0) : start;
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start, end), preview: true });
}

export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showWarningMessage('gloss: open an editor to insert the code into.');
    return;
  }
  await editor.edit((edit) => edit.replace(editor.selection, code));
}

// Creates `suggested` (asking for a path when there is none) with `content`; an existing file
// is only replaced after the user says so.
export async function createFile(content: string, suggested?: string): Promise<void> {
  let target = suggested ? await resolveTarget(suggested) : undefined;
  if (!target) {
    target = await vscode.window.showSaveDialog({ defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
    if (!target) return;
  } else if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it?`,
      { modal: true },
      'Replace',
    );
    if (choice !== 'Replace') return;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
  await vscode.window.showTextDocument(target);
}

async function resolveTarget(p: string): Promise<vscode.Uri | undefined> {
  if (p.startsWith('file://')) return vscode.Uri.parse(p);
  if (path.isAbsolute(p)) return vscode.Uri.file(p);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, p) : undefined;
}
