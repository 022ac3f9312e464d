// State and small helpers shared by the loopback provider's modules.
'use strict';

const state = { scenarios: [], requests: [], releases: [], releaseCredits: 0, keepRequests: null };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Sleeps up to `ms`, waking early when the client has gone.
async function sleepWhileOpen(res, ms) {
  const end = Date.now() + ms;
  while (!res.destroyed && Date.now() < end) await sleep(Math.min(50, end - Date.now()));
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

// Resolves with 'client' on POST /__release (also one that came first), or 'timeout' after `ms`.
function waitForRelease(ms) {
  if (state.releaseCredits > 0) {
    state.releaseCredits -= 1;
    return Promise.resolve('client');
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    state.releases.push(() => {
      clearTimeout(timer);
      resolve('client');
    });
  });
}

module.exports = { state, sleep, sleepWhileOpen, parseJson, sendJson, waitForRelease };
