// Answers in the OpenAI and Anthropic formats, streamed (Server-Sent Events) or whole, shaped by
// a scenario (see server.js for its fields).
'use strict';

const { sleep, sleepWhileOpen, waitForRelease } = require('./common.js');

const PROMPT_TOKENS = 17;
const DEFAULT_CHUNKS = ['Hello', ', ', 'world', '!'];

function chunksOf(scenario) {
  return scenario.chunks ?? DEFAULT_CHUNKS;
}

function modelOf(scenario, request) {
  return scenario.model ?? request.model ?? 'test-model';
}

function openAiChunk(model, choices, extra = {}) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1700000000, model,
    choices, ...extra };
}

// Each event is {name?, data}; `data` is an object (sent as JSON) or a string (sent as is).
function openAiEvents(scenario, request) {
  const model = modelOf(scenario, request);
  const wantsUsage = request.stream_options?.include_usage === true && scenario.usage !== false;
  const completion = chunksOf(scenario).length;
  const ending = [
    { data: openAiChunk(model, [{ index: 0, delta: {}, finish_reason: 'stop' }]) },
  ];
  if (wantsUsage) {
    const usage = { prompt_tokens: PROMPT_TOKENS, completion_tokens: completion,
      total_tokens: PROMPT_TOKENS + completion };
    ending.push({ data: openAiChunk(model, [], { usage }) });
  }
  ending.push({ data: '[DONE]' });
  return {
    prelude: [{ data: openAiChunk(model, [{ index: 0, delta: { role: 'assistant', content: '' },
      finish_reason: null }]) }],
    chunk: (text) => ({ data: openAiChunk(model, [{ index: 0, delta: { content: text },
      finish_reason: null }]) }),
    error: (message) => ({ data: { error: { message, type: 'server_error' } } }),
    ending,
  };
}

function anthropicEvents(scenario, request) {
  const model = modelOf(scenario, request);
  const event = (name, data) => ({ name, data: { type: name, ...data } });
  return {
    prelude: [
      event('message_start', { message: { id: 'msg_test', type: 'message', role: 'assistant',
        model, content: [], stop_reason: null,
        usage: { input_tokens: PROMPT_TOKENS, output_tokens: 1 } } }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
    ],
    chunk: (text) => event('content_block_delta', { index: 0,
      delta: { type: 'text_delta', text } }),
    error: (message) => event('error', { error: { type: 'overloaded_error', message } }),
    ending: [
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: chunksOf(scenario).length } }),
      event('message_stop', {}),
    ],
  };
}

function serialize(event, scenario, broken) {
  const eol = scenario.crlf ? '\r\n' : '\n';
  let data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data, null,
    scenario.multiLineData ? 1 : undefined);
  if (broken) data = '{"choices": [{"delta": {"content": "oops"';
  const lines = event.name ? [`event: ${event.name}`] : [];
  for (const line of data.split('\n')) lines.push(`data: ${line}`);
  return lines.join(eol) + eol + eol;
}

// Writes `bytes` and resolves once they are handed to the operating system.
function flushed(res, bytes) {
  return new Promise((resolve) => {
    if (res.destroyed || !res.write(bytes, () => resolve())) resolve();
  });
}

// Writes `text`, in pieces of `splitBytes` when asked, so that events straddle reads.
async function write(res, text, scenario) {
  if (res.destroyed) return;
  if (!scenario.splitBytes) return flushed(res, text);
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length && !res.destroyed; at += scenario.splitBytes) {
    await flushed(res, bytes.subarray(at, at + scenario.splitBytes));
    await sleep(2);
  }
}

// What happens before chunk `index` (or after the last one): waits, stalls, drops.
// Returns false when the stream must end here.
async function beforeChunk(index, scenario, record, res) {
  if (index === scenario.waitForReleaseAfter) record.released = await waitForRelease(10000);
  if (index === scenario.stallAfter) await sleepWhileOpen(res, scenario.stallMs ?? 60000);
  if (index === scenario.dropAfter) {
    await sleep(50);  // what was written reaches the client before the connection goes
    res.socket.destroy();
    return false;
  }
  return !res.destroyed;
}

async function keepAlive(res, scenario) {
  const end = Date.now() + (scenario.keepAliveMs ?? 0);
  while (!res.destroyed && Date.now() < end) {
    await write(res, ': keep-alive' + (scenario.crlf ? '\r\n\r\n' : '\n\n'), scenario);
    await sleepWhileOpen(res, Math.min(100, end - Date.now()));
  }
}

async function streamAnswer(api, scenario, record, req, res) {
  const events = (api === 'anthropic' ? anthropicEvents : openAiEvents)(scenario, record.json);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache',
    ...scenario.headers });
  res.flushHeaders();
  await keepAlive(res, scenario);
  for (const event of events.prelude) await write(res, serialize(event, scenario), scenario);
  const chunks = chunksOf(scenario);
  for (let i = 0; i <= chunks.length; ++i) {
    if (!(await beforeChunk(i, scenario, record, res))) return;
    if (i === chunks.length) break;
    if (scenario.chunkDelayMs) await sleepWhileOpen(res, scenario.chunkDelayMs);
    await write(res, serialize(events.chunk(chunks[i]), scenario, i === scenario.invalidJsonAt),
      scenario);
  }
  if (scenario.streamError) await write(res, serialize(events.error(scenario.streamError), scenario), scenario);
  if (!scenario.noEnd) {
    for (const event of events.ending) await write(res, serialize(event, scenario), scenario);
  }
  res.end();
}

function jsonAnswer(api, scenario, request) {
  const model = modelOf(scenario, request);
  const text = chunksOf(scenario).join('');
  const completion = chunksOf(scenario).length;
  if (api === 'anthropic') {
    return { id: 'msg_test', type: 'message', role: 'assistant', model,
      content: [{ type: 'text', text }], stop_reason: 'end_turn',
      usage: { input_tokens: PROMPT_TOKENS, output_tokens: completion } };
  }
  const answer = { id: 'chatcmpl-test', object: 'chat.completion', created: 1700000000, model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] };
  if (scenario.usage !== false) {
    answer.usage = { prompt_tokens: PROMPT_TOKENS, completion_tokens: completion,
      total_tokens: PROMPT_TOKENS + completion };
  }
  return answer;
}

module.exports = { streamAnswer, jsonAnswer };
