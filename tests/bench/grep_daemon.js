// The daemon half of grep_bench.sh: starts `gloss serve` on a tree through vscode-jsonrpc (the
// library under VS Code's LSP client), waits until the index is ready, then times gloss/grep per
// pattern with useIndex true ("warm") and false ("daemon scan"). Prints one JSON object per line
// on stdout; progress goes to stderr.
//
//   node grep_daemon.js GLOSS TREE RUNS PATTERNS_TSV SERVER_LOG
//
// PATTERNS_TSV holds "flags<TAB>pattern" lines; flags are among -s -i -S -w -F.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');

// The client suite's install (tests/node), resolved from there as its own tests resolve it.
let rpc;
try {
  rpc = require(require.resolve('vscode-jsonrpc/node', { paths: [path.join(__dirname, '..', 'node')] }));
} catch (e) {
  console.error(`vscode-jsonrpc is not usable from tests/node (run .ci/setup): ${e.message}`);
  process.exit(2);
}

// Far above the largest result on the kernel tree (about 1.2 million lines), so nothing is cut.
const MAX_RESULTS = 10_000_000;
// A result this large takes about a minute, nearly all of it JSON (built, sent, parsed): it is
// timed once after the warm-up instead of RUNS times.
const HUGE_LINES = 200_000;
const INDEX_TIMEOUT_MS = 60 * 60 * 1000;

// "warm": the index's prefilter; "scan": no index, as the CLI's --no-index; "page": the index
// with the default maxResults, the first page an editor asks for.
const MODES = [
  { name: 'warm', useIndex: true, maxResults: MAX_RESULTS },
  { name: 'scan', useIndex: false, maxResults: MAX_RESULTS },
  { name: 'page', useIndex: true },
];

function grepParams(flags, pattern, mode) {
  const params = { pattern, useIndex: mode.useIndex };
  if (mode.maxResults) params.maxResults = mode.maxResults;
  for (const flag of flags) {
    if (flag === '-F') params.fixedStrings = true;
    else if (flag === '-w') params.wordRegexp = true;
    else if (flag === '-s') params.caseSensitivity = 'sensitive';
    else if (flag === '-i') params.caseSensitivity = 'insensitive';
    else if (flag === '-S') params.caseSensitivity = 'smart';
    else throw new Error(`flag ${flag} has no gloss/grep parameter here`);
  }
  return params;
}

function readPatterns(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line).map((line) => {
    const tab = line.indexOf('\t');
    const flags = line.slice(0, tab);
    return { flags, pattern: line.slice(tab + 1), flagList: flags.split(' ').filter((f) => f) };
  });
}

function start(gloss, tree, logFile) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(gloss, ['serve', '--stdio'], { cwd: tree, stdio: ['pipe', 'pipe', log] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  // Accept whatever the server asks (capability registration, progress tokens), as editors do.
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  return { child, connection, exited };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForIndex(connection) {
  const deadline = Date.now() + INDEX_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const status = await connection.sendRequest('gloss/status');
    const index = status.index || {};
    if (index.state === 'failed') throw new Error(`indexing failed: ${JSON.stringify(index)}`);
    if (index.state === 'ready' && index.pendingJobs === 0) return index;
    await sleep(100);
  }
  throw new Error('the index was not ready within an hour');
}

// One request, timed from send to parsed response; a collection first so that the previous
// result's garbage is not billed to this one.
async function timeGrep(connection, params) {
  if (global.gc) global.gc();
  const started = performance.now();
  const result = await connection.sendRequest('gloss/grep', params);
  const ms = performance.now() - started;
  const lines = result.matches.filter((m) => !m.context).length;
  return { ms, lines, truncated: result.truncated, mode: result.mode };
}

async function measure(connection, entry, runs) {
  const out = {};
  for (const mode of MODES) {
    const first = await timeGrep(connection, grepParams(entry.flagList, entry.pattern, mode));
    out[mode.name] = { ms: [], lines: first.lines, truncated: first.truncated, mode: first.mode };
  }
  // Interleaved, so that a slow patch of the machine hits every mode alike.
  for (let i = 0; i < runs; ++i) {
    for (const mode of MODES) {
      if (i > 0 && out[mode.name].lines > HUGE_LINES) continue;
      const r = await timeGrep(connection, grepParams(entry.flagList, entry.pattern, mode));
      out[mode.name].ms.push(r.ms);
    }
  }
  return out;
}

async function main() {
  const [gloss, tree, runsText, patternsFile, logFile] = process.argv.slice(2);
  if (!logFile) {
    console.error('usage: node grep_daemon.js GLOSS TREE RUNS PATTERNS_TSV SERVER_LOG');
    process.exit(2);
  }
  const runs = Number(runsText);
  const server = start(gloss, tree, logFile);
  const uri = 'file://' + tree;
  const started = performance.now();
  await server.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: path.basename(tree) }],
    capabilities: {},
    clientInfo: { name: 'grep_bench' },
    // The workspace follows symlinks by default; rg and `gloss grep` do not (the kernel has 56,
    // some to whole folders), and every column must do the same work.
    initializationOptions: { followSymlinks: false },
  });
  await server.connection.sendNotification('initialized', {});
  const index = await waitForIndex(server.connection);
  const indexMs = performance.now() - started;
  console.error(`index ready in ${(indexMs / 1000).toFixed(1)} s`);
  console.log(JSON.stringify({ kind: 'index', ms: indexMs, index }));

  for (const entry of readPatterns(patternsFile)) {
    const result = await measure(server.connection, entry, runs);
    console.error(`daemon: ${entry.flags} ${entry.pattern}: ${result.warm.lines} lines`);
    console.log(JSON.stringify({ kind: 'pattern', flags: entry.flags, pattern: entry.pattern,
      ...result }));
  }

  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve('late'), 30000); });
  if (await Promise.race([server.exited, late]) === 'late') server.child.kill('SIGKILL');
  clearTimeout(timer);
  server.connection.dispose();
}

main().catch((e) => {
  console.error(`grep_daemon: ${e.stack || e}`);
  process.exit(1);
});
