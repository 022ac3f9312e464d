// Turns the extension's `gloss.*` settings into the object gloss reads from
// `initializationOptions` and `workspace/didChangeConfiguration` (server/Settings.cpp,
// docs/llm.md). Pure, so the integration test initializes the real server with exactly what
// the extension sends. The API key comes from SecretStorage and is passed in, never read from
// settings.json.

// Reads one setting below `gloss.` (as vscode.WorkspaceConfiguration.get does).
export type SettingReader = (key: string) => unknown;

export interface ServerSettings {
  llm: Record<string, unknown>;
  [key: string]: unknown;
}

function text(read: SettingReader, key: string): string | undefined {
  const v = read(key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function positive(read: SettingReader, key: string): number | undefined {
  const v = read(key);
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

function flag(read: SettingReader, key: string): boolean | undefined {
  const v = read(key);
  return typeof v === 'boolean' ? v : undefined;
}

function stringList(read: SettingReader, key: string): string[] | undefined {
  const v = read(key);
  if (!Array.isArray(v)) return undefined;
  return v.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

// Drops undefined members, so that an untouched setting leaves the server's own default.
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

function headers(read: SettingReader): Record<string, string> | undefined {
  const v = read('llm.headers');
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out = Object.fromEntries(
    Object.entries(v as Record<string, unknown>).filter(([, h]) => typeof h === 'string'),
  ) as Record<string, string>;
  return Object.keys(out).length ? out : undefined;
}

export function buildServerSettings(read: SettingReader, apiKey?: string): ServerSettings {
  const timeouts = defined({
    connectMs: positive(read, 'llm.timeouts.connectMs'),
    firstTokenMs: positive(read, 'llm.timeouts.firstTokenMs'),
    idleMs: positive(read, 'llm.timeouts.idleMs'),
  });
  // The whole `llm` object is sent every time: the server replaces it as one value, so a
  // setting the user cleared really goes away.
  const llm = defined({
    provider: text(read, 'llm.provider'),
    baseUrl: text(read, 'llm.baseUrl'),
    model: text(read, 'llm.model'),
    apiVersion: text(read, 'llm.apiVersion'),
    apiKey: apiKey && apiKey.trim() !== '' ? apiKey.trim() : undefined,
    headers: headers(read),
    timeouts: Object.keys(timeouts).length ? timeouts : undefined,
    maxRetries: positive(read, 'llm.maxRetries'),
    contextLimit: positive(read, 'llm.contextLimit'),
    maxOutputTokens: positive(read, 'llm.maxOutputTokens'),
  });
  const sessions = defined({
    summaryEveryMessages: positive(read, 'sessions.summaryEveryMessages'),
    summaryEveryTokens: positive(read, 'sessions.summaryEveryTokens'),
  });
  return {
    llm,
    ...defined({
      exclude: stringList(read, 'exclude'),
      maxFileSize: positive(read, 'maxFileSize'),
      includeHidden: flag(read, 'includeHidden'),
      followSymlinks: flag(read, 'followSymlinks'),
      indexPath: text(read, 'indexPath'),
      sessionsPath: text(read, 'sessionsPath'),
      logLevel: text(read, 'logLevel'),
      sessions: Object.keys(sessions).length ? sessions : undefined,
      // Resource limits (docs/limits.md): flat keys on the server's side.
      maxConcurrentLlmRequests: positive(read, 'limits.maxConcurrentLlmRequests'),
      maxPromptTokens: positive(read, 'limits.maxPromptTokens'),
      grepMaxFileSize: positive(read, 'limits.grepMaxFileSize'),
      maxSymbolResults: positive(read, 'limits.maxSymbolResults'),
      maxQueuedRequests: positive(read, 'limits.maxQueuedRequests'),
    }),
  };
}

