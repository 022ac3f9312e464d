// A SettingReader over a plain object shaped like settings.json's `gloss.*` keys, standing in
// for vscode.WorkspaceConfiguration in tests.
import type { SettingReader } from '../src/settings';

export function readerFromObject(values: Record<string, unknown>): SettingReader {
  return (key) => values[key];
}
