// buildServerSettings: the `gloss.*` settings as gloss reads them from initializationOptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServerSettings } from '../src/settings';
import { readerFromObject } from './fakeConfig';

test('untouched settings send nothing but an empty llm object', () => {
  const settings = buildServerSettings(
    readerFromObject({ 'llm.provider': '', 'llm.model': '  ', exclude: [], 'llm.contextLimit': null, includeHidden: undefined }),
  );
  assert.deepEqual(settings, { llm: {}, exclude: [] });
});

test('provider settings, timeouts, index and session settings map to the server keys', () => {
  const settings = buildServerSettings(
    readerFromObject({
      'llm.provider': 'openai',
      'llm.baseUrl': 'http://127.0.0.1:9/v1',
      'llm.model': 'test-model',
      'llm.headers': { 'X-Team': 'docs', bad: 3 },
      'llm.timeouts.firstTokenMs': 5000,
      'llm.maxOutputTokens': 512,
      exclude: ['build/**', ''],
      maxFileSize: 2048,
      includeHidden: true,
      logLevel: 'debug',
      'sessions.summaryEveryMessages': 4,
      'limits.maxConcurrentLlmRequests': 2,
      'limits.maxPromptTokens': 0,
    }),
    'sk-secret',
  );
  assert.deepEqual(settings, {
    llm: {
      provider: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'test-model',
      apiKey: 'sk-secret',
      headers: { 'X-Team': 'docs' },
      timeouts: { firstTokenMs: 5000 },
      maxOutputTokens: 512,
    },
    exclude: ['build/**'],
    maxFileSize: 2048,
    includeHidden: true,
    logLevel: 'debug',
    sessions: { summaryEveryMessages: 4 },
    maxConcurrentLlmRequests: 2,
  });
});

test('the API key only comes from the argument (secret storage), never from settings', () => {
  const settings = buildServerSettings(readerFromObject({ 'llm.apiKey': 'from-settings-json' }));
  assert.equal(settings.llm.apiKey, undefined);
  assert.ok(!JSON.stringify(settings).includes('from-settings-json'));
});

test('bad values are left out rather than sent', () => {
  const settings = buildServerSettings(readerFromObject({ maxFileSize: -1, 'llm.maxRetries': 1.5, followSymlinks: 'yes' }));
  assert.deepEqual(settings, { llm: {} });
});
