// Drives the real gloss binary with vscode-jsonrpc (the library under VS Code's LSP client):
// the same framing, cancellation and progress handling an editor uses.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const rpc = require('vscode-jsonrpc/node');

const GLOSS = process.env.GLOSS_BINARY;

function start(args = []) {
  assert.ok(GLOSS, 'GLOSS_BINARY must point at the gloss executable');
  const child = spawn(GLOSS, ['serve', '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin));
  connection.listen();
  return { child, connection, exited, stderr: () => stderr };
}

async function initialize(connection) {
  return connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: 'file://' + process.cwd(),
    capabilities: { window: { workDoneProgress: true } },
    clientInfo: { name: 'vscode-jsonrpc test' },
  });
}

async function stop(server) {
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  const code = await server.exited;
  server.connection.dispose();
  return code;
}

test('initialize, status, shutdown and exit', async () => {
  const server = start();
  const init = await initialize(server.connection);
  assert.equal(init.serverInfo.name, 'gloss');
  assert.match(init.serverInfo.version, /^\d+\.\d+\.\d+/);
  await server.connection.sendNotification('initialized', {});
  const status = await server.connection.sendRequest('gloss/status');
  assert.equal(status.workspaceFolders[0].uri, 'file://' + process.cwd());
  assert.equal(await stop(server), 0);
});

test('errors come back as ResponseError with the JSON-RPC codes', async () => {
  const server = start(['--test-methods']);
  await assert.rejects(server.connection.sendRequest('gloss/status'),
    (e) => e instanceof rpc.ResponseError && e.code === -32002);
  await initialize(server.connection);
  await assert.rejects(server.connection.sendRequest('gloss/nope', {}),
    (e) => e.code === rpc.ErrorCodes.MethodNotFound);
  await assert.rejects(server.connection.sendRequest('gloss/test/sleep', { ms: 'x' }),
    (e) => e.code === rpc.ErrorCodes.InvalidParams && e.message === 'params.ms: expected integer');
  assert.equal(await stop(server), 0);
});

test('a cancelled request is answered with RequestCancelled', async () => {
  const server = start(['--test-methods']);
  await initialize(server.connection);
  const source = new rpc.CancellationTokenSource();
  const slow = server.connection.sendRequest('gloss/test/sleep', { ms: 60000 }, source.token);
  await server.connection.sendRequest('gloss/test/sleep', { ms: 20 });
  const started = Date.now();
  source.cancel();
  await assert.rejects(slow, (e) => e.code === -32800);
  assert.ok(Date.now() - started < 5000, 'cancellation took too long');
  assert.equal(await stop(server), 0);
});

test('partial results stream through $/progress before the response', async () => {
  const server = start(['--test-methods']);
  await initialize(server.connection);
  const seen = [];
  const token = 'partial-1';
  server.connection.onProgress(new rpc.ProgressType(), token, (value) => seen.push(...value));
  const result = await server.connection.sendRequest('gloss/test/stream',
    { count: 4, delayMs: 5, partialResultToken: token });
  assert.deepEqual(seen, [0, 1, 2, 3]);
  assert.deepEqual(result, [0, 1, 2, 3]);
  assert.equal(await stop(server), 0);
});

test('exit without shutdown ends with status 1', async () => {
  const server = start();
  await initialize(server.connection);
  await server.connection.sendNotification('exit');
  assert.equal(await server.exited, 1);
  server.connection.dispose();
});
