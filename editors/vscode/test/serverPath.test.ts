// resolveServerPath: the gloss.server.path setting, else gloss on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PathEnvironment, resolveServerPath } from '../src/serverPath';

function where(executables: string[], extra: Partial<PathEnvironment> = {}): PathEnvironment {
  return {
    env: { PATH: '/usr/local/bin:/opt/gloss/bin' },
    home: '/home/u',
    workspaceFolder: '/w',
    platform: 'linux',
    isExecutable: (f) => executables.includes(f),
    ...extra,
  };
}

test('the setting wins, with ~, ${workspaceFolder} and relative paths expanded', () => {
  assert.deepEqual(resolveServerPath('~/bin/gloss', where(['/home/u/bin/gloss'])), { path: '/home/u/bin/gloss' });
  assert.deepEqual(resolveServerPath('${workspaceFolder}/build/gloss', where(['/w/build/gloss'])), { path: '/w/build/gloss' });
  assert.deepEqual(resolveServerPath('build/gloss', where(['/w/build/gloss', '/opt/gloss/bin/gloss'])), { path: '/w/build/gloss' });
});

test('a setting that is not an executable is an error naming it, PATH is not tried', () => {
  const r = resolveServerPath('/nope/gloss', where(['/opt/gloss/bin/gloss']));
  assert.ok('error' in r && r.error.includes('/nope/gloss'));
});

test('without the setting, the first gloss on PATH', () => {
  assert.deepEqual(resolveServerPath('', where(['/opt/gloss/bin/gloss'])), { path: '/opt/gloss/bin/gloss' });
  const missing = resolveServerPath(undefined, where([]));
  assert.ok('error' in missing && missing.error.includes('gloss.server.path'));
});
