// GrepResultSet: streamed batches grouped by file, each hit once, context lines left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrepResultSet } from '../src/grepModel';

const hit = (uri: string, line: number, context = false) => ({ uri, line, text: `line ${line}`, ...(context ? { context } : {}) });

test('batches group by file, sorted by line, without duplicates or context lines', () => {
  const set = new GrepResultSet();
  set.add([hit('file:///b', 7), hit('file:///a', 3)]);
  set.add([hit('file:///b', 2), hit('file:///b', 7), hit('file:///b', 3, true)]);
  assert.deepEqual(set.fileList().map((f) => [f.uri, f.matches.map((m) => m.line)]), [
    ['file:///b', [2, 7]],
    ['file:///a', [3]],
  ]);
  assert.equal(set.matchCount(), 3);
});

test('the final result replaces what streamed, in its order', () => {
  const set = new GrepResultSet();
  set.add([hit('file:///b', 1)]);
  set.replaceAll([hit('file:///a', 1), hit('file:///b', 1)]);
  assert.deepEqual(set.fileList().map((f) => f.uri), ['file:///a', 'file:///b']);
  set.replaceAll([]);
  assert.equal(set.fileList().length, 0);
});
