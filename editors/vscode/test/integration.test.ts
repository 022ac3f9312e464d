// The calls the extension makes, against the real gloss binary, through vscode-jsonrpc (the
// library under vscode-languageclient): initialize with the extension's initializationOptions,
// index progress until ready, explain / generate tests / summarize streamed with the offline
// provider, grep with streamed batches, a chat round trip that is then listed, renamed,
// exported and deleted, slash-command completion, a settings change carrying the stored API
// key, and a cancelled request. The binary is $GLOSS_BINARY, else `gloss` on PATH.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node';
import { ChatResult, CommandResult, GrepResult, Methods, RequestCancelled, SessionList, StatusResult } from '../src/protocol';
import { resolveServerPath } from '../src/serverPath';
import { buildServerSettings } from '../src/settings';
import { StreamCollector } from '../src/streaming';
import { readerFromObject } from './fakeConfig';
import { GREP_FILES, HITS_PER_FILE, writeWorkspace } from './workspaceFixture';

const TIMEOUT = { timeout: 120_000 };

function glossBinary(): string {
  if (process.env.GLOSS_BINARY) return process.env.GLOSS_BINARY;
  const found = resolveServerPath(undefined, {
    env: process.env,
    home: os.homedir(),
    platform: process.platform,
    isExecutable: (f) => fs.existsSync(f),
  });
  assert.ok('path' in found, 'set GLOSS_BINARY to the gloss executable (or put gloss on PATH)');
  return found.path;
}

function executable(file: string): string {
  fs.accessSync(file, fs.constants.X_OK);
  return file;
}

interface Progress {
  title?: string;
  kinds: string[];
  ended: Promise<void>;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-vscode-'));
const root = path.join(tmp, 'workspace');
const rootUri = pathToFileURL(root).href;
let child: ChildProcess | undefined;
let connection: rpc.MessageConnection;
let exited: Promise<number | null>;
let stderr = '';
const streams = new StreamCollector();
const serverProgress = new Map<string, Progress>();

// Sends a request with a partialResultToken, routing its `$/progress` into `streams`, as
// GlossClient.request does.
async function streamed<R>(method: string, params: object): Promise<{ result: R; stream: string }> {
  const stream = streams.open(method.replace(/\W+/g, '-'));
  const subscription = connection.onProgress(new rpc.ProgressType<unknown>(), stream, (value) => {
    streams.accept(stream, value);
  });
  try {
    // No token argument at all: an undefined one would make vscode-jsonrpc send [params, null].
    const result = await connection.sendRequest<R>(method, { ...params, partialResultToken: stream });
    return { result, stream };
  } finally {
    subscription.dispose();
  }
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; stderr:\n${stderr}`);
}

before(async () => {
  writeWorkspace(root);
  // What a user would put in gloss.server.args to keep the test's databases in its own folder.
  const serverArgs = ['--sessions-db', path.join(tmp, 'sessions.db'), '--db', path.join(tmp, 'index.db'), '--test-methods'];
  const server = spawn(executable(glossBinary()), ['serve', ...serverArgs], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? path.join(tmp, 'cache'), XDG_DATA_HOME: path.join(tmp, 'data'), NO_PROXY: '127.0.0.1,localhost' },
  });
  child = server;
  server.stderr.on('data', (d) => (stderr += d));
  exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  // The server creates the indexing progress; VS Code's client accepts and shows it.
  connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
    const token = String(params.token);
    let end!: () => void;
    const entry: Progress = { kinds: [], ended: new Promise<void>((r) => (end = r)) };
    serverProgress.set(token, entry);
    connection.onProgress(new rpc.ProgressType<{ kind: string; title?: string }>(), params.token, (value) => {
      entry.kinds.push(value.kind);
      if (value.kind === 'begin') entry.title = value.title;
      if (value.kind === 'end') end();
    });
    return null;
  });
  connection.listen();
});

after(() => {
  try {
    if (child?.exitCode === null) child.kill('SIGKILL');
    connection?.dispose();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('starts with the extension settings, reports index progress and becomes ready', TIMEOUT, async () => {
  const initializationOptions = buildServerSettings(readerFromObject({ 'llm.provider': 'offline', exclude: ['ignored/**'] }));
  const init = await connection.sendRequest<{ serverInfo: { name: string }; capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code' },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
    capabilities: {
      window: { workDoneProgress: true, showDocument: { support: true } },
      workspace: { applyEdit: true, workspaceFolders: true, configuration: true },
      general: { positionEncodings: ['utf-16'] },
    },
    initializationOptions,
  });
  assert.equal(init.serverInfo.name, 'gloss');
  assert.ok(init.capabilities.codeActionProvider);
  await connection.sendNotification('initialized', {});

  const indexing = await waitUntil('the indexing progress', async () =>
    [...serverProgress.values()].find((p) => p.title?.includes('indexing')),
  );
  await indexing.ended;
  assert.equal(indexing.kinds[0], 'begin');
  assert.equal(indexing.kinds[indexing.kinds.length - 1], 'end');
  const status = await waitUntil('index ready', async () => {
    const s = await connection.sendRequest<StatusResult>(Methods.status);
    return s.index.state === 'ready' && s.index.pendingJobs === 0 ? s : undefined;
  });
  assert.ok(status.provider.offline);
  assert.ok((status.index.files ?? 0) >= 5, JSON.stringify(status.index));
});

test('explain with the offline provider streams the whole answer and its references', TIMEOUT, async () => {
  const { result, stream } = await streamed<CommandResult>(Methods.explain, {
    textDocument: { uri: pathToFileURL(path.join(root, 'pkg/report.py')).href },
    position: { line: 7, character: 4 },
  });
  assert.match(result.content, /Offline provider/);
  assert.match(result.content, /word_count/);
  assert.equal(streams.text(stream), result.content);
  assert.ok(result.references.some((r) => r.uri.endsWith('/pkg/report.py') && r.role === 'target'));
  assert.ok(result.references.some((r) => r.uri.endsWith('/app.py') && r.role === 'caller'));
});

test('generate tests proposes a file and summarize outlines a folder', TIMEOUT, async () => {
  const tests = await streamed<CommandResult>(Methods.generateTests, { symbol: 'word_count' });
  const file = tests.result.files?.[0];
  assert.ok(file, JSON.stringify(tests.result));
  assert.equal(file.path, path.join(root, 'tests/test_report.py'));
  assert.match(file.content, /def test_word_count/);
  assert.equal(fs.existsSync(file.path), false, 'nothing is written until the user creates the file');
  const summary = await streamed<CommandResult>(Methods.summarize, { uri: pathToFileURL(path.join(root, 'pkg')).href });
  assert.match(summary.result.content, /pkg\/textutil\.py/);
  assert.equal(streams.text(summary.stream), summary.result.content);
});

test('grep streams batches of hits that add up to the result', TIMEOUT, async () => {
  const { result, stream } = await streamed<GrepResult>(Methods.grep, { pattern: 'needle_\\d+', maxResults: 2000 });
  const key = (m: { uri: string; line: number }) => `${m.uri}:${m.line}`;
  assert.equal(result.filesMatched, GREP_FILES, 'ignored/ is left out by the exclude setting');
  assert.equal(result.matchCount, GREP_FILES * HITS_PER_FILE);
  assert.ok(streams.batches(stream) >= 1);
  assert.deepEqual(new Set(streams.matches(stream).map(key)), new Set(result.matches.map(key)));
  const first = result.matches.find((m) => m.uri.endsWith('/many/file_00.py'));
  assert.ok(first?.ranges?.length, JSON.stringify(first));
  assert.equal(first.symbol?.name, 'find_00');
});

test('a chat round trip streams, and the session is listed, renamed, exported and deleted', TIMEOUT, async () => {
  const { result, stream } = await streamed<ChatResult>(Methods.chat, {
    message: 'How does `word_count` use pkg/textutil.py?',
    textDocument: { uri: pathToFileURL(path.join(root, 'app.py')).href },
    position: { line: 4, character: 12 },
  });
  assert.equal(result.status, 'complete');
  assert.match(result.content, /word_count/);
  assert.equal(streams.text(stream), result.content);
  const listed = await connection.sendRequest<SessionList>(Methods.sessionsList, { limit: 200 });
  const session = listed.sessions.find((s) => s.id === result.sessionId);
  assert.ok(session, JSON.stringify(listed));
  assert.match(session.title, /^How does/);

  const second = await streamed<ChatResult>(Methods.chat, { sessionId: result.sessionId, message: '/explain tokenize' });
  assert.equal(second.result.sessionId, result.sessionId);
  assert.deepEqual(second.result.commands, ['explain']);

  await connection.sendRequest(Methods.sessionsRename, { sessionId: result.sessionId, title: 'Word counting' });
  const exported = await connection.sendRequest<{ content: string }>(Methods.sessionsExport, { sessionId: result.sessionId, format: 'markdown' });
  assert.match(exported.content, /^# Word counting/);
  assert.match(exported.content, /How does `word_count` use/);
  await connection.sendRequest(Methods.sessionsDelete, { sessionId: result.sessionId });
  const after = await connection.sendRequest<SessionList>(Methods.sessionsList, { limit: 200 });
  assert.ok(!after.sessions.some((s) => s.id === result.sessionId));
});

test('slash commands complete from a prefix', TIMEOUT, async () => {
  const r = await connection.sendRequest<{ commands: { name: string; usage: string }[] }>(Methods.commands, { prefix: '/ge' });
  assert.deepEqual(r.commands.map((c) => c.name), ['/generate-tests']);
  assert.notEqual(r.commands[0].usage, '');
});

test('a settings change reaches the server with the stored API key, which status never shows', TIMEOUT, async () => {
  const key = 'sk-vscode-integration-0000';
  const settings = buildServerSettings(
    readerFromObject({ 'llm.provider': 'openai', 'llm.baseUrl': 'http://127.0.0.1:9/v1', 'llm.model': 'test-model' }),
    key,
  );
  await connection.sendNotification('workspace/didChangeConfiguration', { settings });
  const status = await waitUntil('the new provider', async () => {
    const s = await connection.sendRequest<StatusResult & { provider: { config: { apiKey?: string } } }>(Methods.status);
    return s.provider.name === 'openai' ? s : undefined;
  });
  assert.equal(status.provider.model, 'test-model');
  assert.equal(status.provider.config.apiKey, 'set');
  assert.ok(!JSON.stringify(status).includes(key));
  await connection.sendNotification('workspace/didChangeConfiguration', {
    settings: buildServerSettings(readerFromObject({ 'llm.provider': 'offline' })),
  });
  await waitUntil('offline again', async () => ((await connection.sendRequest<StatusResult>(Methods.status)).provider.offline ? true : undefined));
});

test('a cancelled request is answered with RequestCancelled', TIMEOUT, async () => {
  const source = new rpc.CancellationTokenSource();
  const slow = connection.sendRequest('gloss/test/sleep', { ms: 600_000 }, source.token);
  // A later request answered means the slow one has been dispatched before it is cancelled.
  await connection.sendRequest('gloss/test/sleep', { ms: 1 });
  source.cancel();
  await assert.rejects(slow, (e: rpc.ResponseError<unknown>) => e.code === RequestCancelled);
  const status = await connection.sendRequest<StatusResult>(Methods.status);
  assert.equal(status.index.state, 'ready', 'the server keeps serving');
});

test('shutdown and exit end the server cleanly', TIMEOUT, async () => {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  assert.equal(await exited, 0, stderr);
});
