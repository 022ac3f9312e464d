// StreamCollector: `$/progress` values routed by token into text and grep batches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamCollector } from '../src/streaming';

test('text deltas add up per token, each listener sees only its own', () => {
  const streams = new StreamCollector();
  const seenA: string[] = [];
  const a = streams.open('chat', { onText: (soFar) => seenA.push(soFar) });
  const b = streams.open('chat');
  assert.notEqual(a, b);
  assert.ok(streams.accept(a, { kind: 'delta', text: 'Hel' }));
  assert.ok(streams.accept(b, { kind: 'delta', text: 'other' }));
  assert.ok(streams.accept(a, { kind: 'delta', text: 'lo' }));
  assert.equal(streams.text(a), 'Hello');
  assert.equal(streams.text(b), 'other');
  assert.deepEqual(seenA, ['Hel', 'Hello']);
});

test('grep batches accumulate and are counted', () => {
  const streams = new StreamCollector();
  const batches: number[] = [];
  const t = streams.open('grep', { onMatches: (batch) => batches.push(batch.length) });
  const hit = (line: number) => ({ uri: 'file:///a', line, text: 'x' });
  streams.accept(t, { matches: [hit(1), hit(2)] });
  streams.accept(t, { matches: [hit(5)] });
  assert.deepEqual(streams.matches(t).map((m) => m.line), [1, 2, 5]);
  assert.equal(streams.batches(t), 2);
  assert.deepEqual(batches, [2, 1]);
});

test('unknown tokens, closed tokens and other values are ignored', () => {
  const streams = new StreamCollector();
  const t = streams.open('x');
  assert.equal(streams.accept('nobody', { kind: 'delta', text: 'a' }), false);
  assert.equal(streams.accept(t, { kind: 'begin', title: 'work' }), false);
  assert.equal(streams.accept(t, null), false);
  streams.close(t);
  assert.equal(streams.accept(t, { kind: 'delta', text: 'late' }), false);
  assert.equal(streams.text(t), '');
});
