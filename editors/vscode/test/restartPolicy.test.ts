// RestartPolicy: a crashing server is restarted unless it keeps crashing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../src/restartPolicy';

test('restarts up to the limit within the window, then stops', () => {
  const policy = new RestartPolicy(2, 1000);
  assert.equal(policy.shouldRestart(0), true);
  assert.equal(policy.shouldRestart(10), true);
  assert.equal(policy.shouldRestart(20), false);
});

test('old crashes leave the window, and a reset forgets them all', () => {
  const policy = new RestartPolicy(1, 1000);
  assert.equal(policy.shouldRestart(0), true);
  assert.equal(policy.shouldRestart(5000), true);
  assert.equal(policy.shouldRestart(5001), false);
  policy.reset();
  assert.equal(policy.shouldRestart(5002), true);
});
