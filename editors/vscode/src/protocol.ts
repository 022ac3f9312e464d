// The part of gloss's protocol this extension speaks: method names, params and results as the
// server sends them (docs/protocol.md, docs/commands.md, docs/chat.md, docs/sessions.md,
// docs/grep.md). Pure types and constants, so the tests can use them without VS Code.

export const Methods = {
  status: 'gloss/status',
  explain: 'gloss/explain',
  generateTests: 'gloss/generateTests',
  summarize: 'gloss/summarize',
  grep: 'gloss/grep',
  chat: 'gloss/chat',
  commands: 'gloss/commands',
  sessionsList: 'gloss/sessions/list',
  sessionsGet: 'gloss/sessions/get',
  sessionsRename: 'gloss/sessions/rename',
  sessionsDelete: 'gloss/sessions/delete',
  sessionsExport: 'gloss/sessions/export',
} as const;

// JSON-RPC's RequestCancelled, the answer to a request the client cancelled.
export const RequestCancelled = -32800;

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextDocumentIdentifier {
  uri: string;
}

// Every long request may stream: text deltas or grep batches go to this token.
export interface Streamable {
  partialResultToken?: string;
}

// gloss/explain and gloss/generateTests: a document with a position or range, or a target.
export interface CodeTargetParams extends Streamable {
  textDocument?: TextDocumentIdentifier;
  position?: Position;
  range?: Range;
  target?: string;
  symbol?: string;
  question?: string;
}

// gloss/summarize: a file or folder URI; none summarizes the workspace.
export interface SummarizeParams extends Streamable {
  uri?: string;
  path?: string;
  question?: string;
}

export interface Reference {
  uri: string;
  range: Range;
  symbol: string;
  kind: string;
  role: string;
  why?: string;
  tokens?: number;
}

export interface ProposedFile {
  uri: string;
  path: string;
  content: string;
  exists: boolean;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  estimated: boolean;
}

export interface CommandResult {
  title: string;
  content: string;
  references: Reference[];
  model: string;
  provider: string;
  finishReason: string;
  complete: boolean;
  usage: Usage;
  files?: ProposedFile[];
  ambiguous?: unknown[];
  error?: { kind: string; message: string };
}

export interface ChatParams extends Streamable {
  sessionId?: number;
  message: string;
  textDocument?: TextDocumentIdentifier;
  position?: Position;
  range?: Range;
}

// `title` is the session's title here.
export interface ChatResult extends CommandResult {
  sessionId: number;
  messageId: number;
  userMessageId: number;
  status: 'complete' | 'incomplete' | 'error';
  commands: string[];
}

// A streamed text piece: `$/progress {token, value: {kind: "delta", text}}`.
export interface DeltaValue {
  kind: 'delta';
  text: string;
}

export interface GrepParams extends Streamable {
  pattern: string;
  fixedStrings?: boolean;
  caseSensitivity?: 'sensitive' | 'insensitive' | 'smart';
  wordRegexp?: boolean;
  include?: string[];
  exclude?: string[];
  maxResults?: number;
}

export interface GrepMatch {
  uri: string;
  line: number;
  text: string;
  ranges?: Range[];
  context?: boolean;
  textStart?: number;
  symbol?: { name: string; kind: string; qualifiedName: string; line: number };
}

// A streamed grep batch: `$/progress {token, value: {matches}}`.
export interface GrepBatch {
  matches: GrepMatch[];
}

export interface GrepResult {
  matches: GrepMatch[];
  filesSearched: number;
  filesMatched: number;
  lineCount: number;
  matchCount: number;
  truncated: boolean;
  elapsedMs: number;
  mode: string;
}

export interface SlashCommand {
  name: string;
  usage: string;
  description: string;
}

export interface Session {
  id: number;
  title: string;
  titleIsAuto: boolean;
  workspace: string;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  deletedAt: number | null;
  messageCount?: number;
}

export interface Message {
  id: number;
  sessionId: number;
  role: 'user' | 'assistant' | 'system';
  content: string;
  status: 'complete' | 'incomplete' | 'error';
  createdAt: number;
  metadata?: { references?: { path: string; startLine: number; endLine: number }[] };
}

export interface SessionList {
  sessions: Session[];
  nextCursor: string | null;
}

export interface SessionDetail {
  session: Session;
  messages: Message[];
  hasMore: boolean;
}

export interface StatusResult {
  version: string;
  index: {
    state: 'starting' | 'indexing' | 'ready' | 'failed' | 'off';
    files?: number;
    pendingJobs?: number;
    error?: string;
  };
  provider: {
    name: string;
    model: string;
    offline: boolean;
    configError?: string;
    health?: { ok: boolean | null; message: string };
  };
  sessions: { path: string; state: string; sessions?: number };
}
