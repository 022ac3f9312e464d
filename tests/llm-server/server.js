#!/usr/bin/env node
// A loopback stand-in for LLM providers, for gloss's provider tests. It speaks OpenAI chat
// completions (`POST .../chat/completions`, also Azure's deployment form) and Anthropic messages
// (`POST .../v1/messages`), streamed or not, lists models (`GET .../models`), and records every
// request it receives. Node's standard library only.
//
// It listens on 127.0.0.1 on a free port and prints "LISTENING <port>" on stdout. It exits when
// its stdin closes, so it never outlives the test process that started it.
//
// Control endpoints:
//   POST /__script   {"scenarios": [...]}  behaviours for the next requests, one per request
//   GET  /__requests                       what was received (control requests excluded)
//   POST /__release                        lets a stream waiting at `waitForReleaseAfter` go on
//   POST /__reset                          forgets scenarios, the mix and recorded requests
//   POST /__mix  {"mix": [{"name", "weight", "scenario"}], "seed", "keepRequests"}
//                                          when no scripted scenario is left, each request draws
//                                          a scenario from the mix by weight (seeded, so a run
//                                          can be repeated); keepRequests bounds the record to the
//                                          newest N, so a long soak does not grow the server
//   GET  /__mix                            how many requests each mix entry served
//
// A scenario (every field optional):
//   status, headers              response status (default 200) and extra headers
//   errorMessage, echoKey        error body text; echoKey appends the key the request carried
//   mode                         "sse" (default), "json" (ignore `stream`), "raw" (send `raw`)
//   raw, contentType             the body and content type for mode "raw"
//   chunks                       text deltas (default ["Hello", ", ", "world", "!"])
//   chunkDelayMs                 pause before each chunk
//   firstByteDelayMs             pause before the status line
//   keepAliveMs                  after the headers, ": keep-alive" comments for this long
//   waitForReleaseAfter          after this many chunks, wait for POST /__release (10 s at most)
//   stallAfter, stallMs          after this many chunks, send nothing for stallMs (default 60000)
//   dropAfter                    after this many chunks, destroy the connection
//   invalidJsonAt                the chunk at this index is sent as broken JSON
//   streamError                  an in-stream error event with this message after the chunks
//   crlf                         end lines with CRLF
//   multiLineData                spread each event's JSON over several `data:` lines
//   splitBytes                   write the stream in pieces of this many bytes
//   noEnd                        leave out the finish reason and the end marker
//   usage                        false: report no usage even when asked
//   model                        the model to report (default: the one requested)
'use strict';

const http = require('node:http');
const { state, sleep, parseJson, sendJson } = require('./common.js');
const { setMix, drawFromMix, mixCounts } = require('./mix.js');
const { streamAnswer, jsonAnswer } = require('./answers.js');

function readBody(req) {
  return new Promise((resolve) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function handleControl(req, res, body) {
  if (req.method === 'POST' && req.url === '/__script') {
    state.scenarios = parseJson(body)?.scenarios ?? [];
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === 'GET' && req.url === '/__requests') return sendJson(res, 200, state.requests);
  if (req.method === 'POST' && req.url === '/__release') {
    const waiting = state.releases.splice(0);
    if (waiting.length === 0) state.releaseCredits += 1;
    waiting.forEach((release) => release());
    return sendJson(res, 200, { released: waiting.length });
  }
  if (req.method === 'POST' && req.url === '/__mix') {
    const error = setMix(parseJson(body) ?? {});
    return error ? sendJson(res, 400, { error }) : sendJson(res, 200, { ok: true });
  }
  if (req.method === 'GET' && req.url === '/__mix') return sendJson(res, 200, mixCounts());
  if (req.method === 'POST' && req.url === '/__reset') {
    state.scenarios = [];
    state.requests = [];
    state.releaseCredits = 0;
    setMix({});
    return sendJson(res, 200, { ok: true });
  }
  return sendJson(res, 404, { error: 'unknown control endpoint' });
}

function apiOf(req) {
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && path.endsWith('/models')) return 'models';
  if (req.method === 'POST' && path.endsWith('/v1/messages')) return 'anthropic';
  if (req.method === 'POST' && path.endsWith('/chat/completions')) return 'openai';
  return null;
}

function keyOf(req) {
  const auth = req.headers.authorization ?? '';
  return auth.replace(/^Bearer /, '') || req.headers['x-api-key'] || req.headers['api-key'] || '';
}

function errorBody(api, scenario, req) {
  let message = scenario.errorMessage ?? 'Something went wrong';
  if (scenario.echoKey) message += ` Incorrect API key provided: ${keyOf(req)}.`;
  if (api === 'anthropic') return { type: 'error', error: { type: 'api_error', message } };
  return { error: { message, type: 'invalid_request_error', code: null } };
}

async function handleApi(api, req, res, record) {
  const scenario = state.scenarios.shift() ?? drawFromMix() ?? {};
  if (scenario.firstByteDelayMs) await sleep(scenario.firstByteDelayMs);
  if (res.destroyed) return;
  const status = scenario.status ?? 200;
  if (status >= 400) return sendJson(res, status, errorBody(api, scenario, req), scenario.headers);
  if (api === 'models') {
    const data = [{ id: 'test-model', object: 'model' }, { id: 'other-model', object: 'model' }];
    return sendJson(res, 200, { object: 'list', data });
  }
  if (scenario.mode === 'raw') {
    res.writeHead(status, { 'Content-Type': scenario.contentType ?? 'text/event-stream' });
    return res.end(scenario.raw ?? '');
  }
  if (scenario.mode === 'json' || record.json?.stream !== true) {
    return sendJson(res, status, jsonAnswer(api, scenario, record.json ?? {}), scenario.headers);
  }
  await streamAnswer(api, scenario, record, req, res);
}

const server = http.createServer(async (req, res) => {
  const body = await readBody(req);
  if (req.url.startsWith('/__')) return handleControl(req, res, body);
  const record = {
    method: req.method,
    url: req.url,
    headers: req.headers,
    body,
    json: parseJson(body),
    receivedAt: Date.now(),
  };
  state.requests.push(record);
  if (state.keepRequests !== null && state.requests.length > state.keepRequests) {
    state.requests.splice(0, state.requests.length - state.keepRequests);
  }
  req.socket.setNoDelay(true);
  res.on('close', () => {
    if (!res.writableFinished) record.clientClosedAt = Date.now();
  });
  const api = apiOf(req);
  if (!api) return sendJson(res, 404, { error: { message: `No route for ${req.method} ${req.url}` } });
  try {
    await handleApi(api, req, res, record);
  } catch (error) {
    record.serverError = String(error);
    if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
    else res.destroy();
  }
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
