// The chat view's Markdown renderer: safe escaping, the blocks it supports, code-block buttons
// and the references it turns into links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, parseFileRef, renderInline, renderMarkdown, renderReferenceList } from '../src/markdown';

test('HTML from the model is escaped, never interpreted', () => {
  const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="y">');
  assert.ok(!html.includes('<script>'), html);
  assert.ok(!html.includes('<img'), html);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), html);
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('only http(s) and mailto links become links', () => {
  assert.match(renderInline('[docs](https://example.com/a?b=1&c=2)'), /<a href="https:\/\/example.com\/a\?b=1&amp;c=2" class="external">docs<\/a>/);
  const js = renderInline('[click](javascript:alert(1))');
  assert.ok(!js.includes('href="javascript'), js);
  assert.ok(js.includes('click'), js);
});

test('headings, lists, quotes, rules and paragraphs', () => {
  const html = renderMarkdown('# Title\n\nSome **bold** and *it*.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n---\nend');
  assert.ok(html.includes('<h1>Title</h1>'), html);
  assert.ok(html.includes('<p>Some <strong>bold</strong> and <em>it</em>.</p>'), html);
  assert.ok(html.includes('<ul><li>one</li><li>two</li></ul>'), html);
  assert.ok(html.includes('<ol><li>first</li><li>second</li></ol>'), html);
  assert.ok(html.includes('<blockquote><p>quoted</p></blockquote>'), html);
  assert.ok(html.includes('<hr>'), html);
});

test('code fences keep their text verbatim (escaped) with copy, insert and create-file buttons', () => {
  const html = renderMarkdown('Before\n```python tests/test_report.py\nif a < b and c:\n    **not bold**\n```\nAfter');
  assert.ok(html.includes('data-lang="python"'), html);
  assert.ok(html.includes('data-path="tests/test_report.py"'), html);
  assert.ok(html.includes('<pre><code>if a &lt; b and c:\n    **not bold**</code></pre>'), html);
  for (const action of ['copy', 'insert', 'create']) assert.ok(html.includes(`data-action="${action}"`), action);
  assert.ok(html.includes('<p>After</p>'), html);
});

test('a fence still streaming renders as code so far', () => {
  const html = renderMarkdown('```js\nconst x = 1;');
  assert.ok(html.includes('<pre><code>const x = 1;</code></pre>'), html);
});

test('inline code is not parsed further', () => {
  assert.equal(renderInline('call `a<b> **x**` now'), 'call <code>a&lt;b&gt; **x**</code> now');
});

test('file references become links carrying path and 1-based lines', () => {
  const html = renderInline('see pkg/report.py:8 and `app.py:5` or src/a.go#L3-L9, not e.g. or 3.5');
  assert.ok(html.includes('<a href="#" class="ref" data-path="pkg/report.py" data-line="8">pkg/report.py:8</a>'), html);
  assert.ok(html.includes('data-path="app.py" data-line="5"><code>app.py:5</code></a>'), html);
  assert.ok(html.includes('data-path="src/a.go" data-line="3" data-end="9"'), html);
  assert.equal((html.match(/class="ref"/g) ?? []).length, 3, html);
});

test('parseFileRef reads the reference forms gloss cites', () => {
  assert.deepEqual(parseFileRef('pkg/report.py:8'), { path: 'pkg/report.py', line: 8, endLine: undefined });
  assert.deepEqual(parseFileRef('a.ts:3-9'), { path: 'a.ts', line: 3, endLine: 9 });
  assert.deepEqual(parseFileRef('src/main.rs'), { path: 'src/main.rs' });
  assert.equal(parseFileRef('word_count'), undefined);
  assert.equal(parseFileRef('https://example.com:443'), undefined);
});

test('the references footer links each piece with 1-based lines', () => {
  const html = renderReferenceList([{ uri: 'file:///w/pkg/report.py', startLine: 3, endLine: 9, label: 'pkg/report.py:4 word_count' }]);
  assert.ok(html.includes('data-path="/w/pkg/report.py" data-line="4" data-end="9"'), html);
  assert.ok(html.includes('References (1)'), html);
  assert.equal(renderReferenceList([]), '');
});
