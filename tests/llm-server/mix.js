// A weighted mix of scenarios for long runs (tests/soak): once the scripted queue is empty, each
// request draws its behaviour at random, so faults keep arriving for as long as the run lasts.
// The generator is seeded, so the same seed gives the same sequence of draws.
'use strict';

const { state } = require('./common.js');

const mix = { entries: [], total: 0, random: null, counts: {} };

// mulberry32: small, seedable, good enough to pick scenarios.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Returns an error sentence for a malformed mix, or null once it is in force.
function setMix(body) {
  const entries = Array.isArray(body.mix) ? body.mix : [];
  if (entries.some((e) => !(typeof e.weight === 'number' && e.weight >= 0))) {
    return 'every mix entry needs a weight >= 0';
  }
  mix.entries = entries.map((e, i) => ({ name: e.name ?? `entry${i}`, weight: e.weight,
    scenario: e.scenario ?? {} }));
  mix.total = mix.entries.reduce((sum, e) => sum + e.weight, 0);
  mix.random = seeded(body.seed ?? 1);
  mix.counts = Object.fromEntries(mix.entries.map((e) => [e.name, 0]));
  state.keepRequests = Number.isInteger(body.keepRequests) ? body.keepRequests : null;
  return null;
}

// A copy of a drawn scenario (handlers may not share one object), or null without a mix.
function drawFromMix() {
  if (mix.total <= 0) return null;
  let point = mix.random() * mix.total;
  for (const entry of mix.entries) {
    point -= entry.weight;
    if (point < 0) {
      mix.counts[entry.name] += 1;
      return structuredClone(entry.scenario);
    }
  }
  return null;
}

function mixCounts() {
  return { ...mix.counts };
}

module.exports = { setMix, drawFromMix, mixCounts };
