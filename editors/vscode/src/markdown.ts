// A small Markdown renderer for the chat view: headings, paragraphs, lists, quotes, rules, code
// fences (with copy / insert / create-file buttons), inline code, emphasis, links, and file
// references (`path/to/file.py:42`, `file.ts:3-9`, `file.go#L12`) turned into links the view
// opens in the editor. Everything from the model is escaped first, so the answer can never
// inject HTML or script; only http(s) and mailto links are kept as links. Pure, and tolerant of
// half-streamed text (an unterminated fence renders as a code block so far).

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// A path with a slash or a file extension, then `:line`, `:a-b` or `#Lline`.
const REF_WITH_LINE = /((?:[\w.-]+\/)*[\w.-]*[\w-]\.[A-Za-z0-9]+|(?:[\w.-]+\/)+[\w.-]+)(?::(\d+)(?:-(\d+))?|#L(\d+)(?:-L?(\d+))?)/g;
// A bare path is only a reference when it has a folder and an extension (`src/a.ts`).
const BARE_PATH = /^(?:\.{0,2}\/)?(?:[\w.-]+\/)+[\w.-]+\.[A-Za-z0-9]+$/;

export interface FileRef {
  path: string;
  line?: number; // 1-based
  endLine?: number;
}

// Reads `path`, `path:line`, `path:a-b` or `path#Lline` when the whole string is one.
export function parseFileRef(s: string): FileRef | undefined {
  const t = s.trim();
  const m = /^(.+?)(?::(\d+)(?:-(\d+))?|#L(\d+)(?:-L?(\d+))?)$/.exec(t);
  if (m && /[/.]/.test(m[1]) && !/\s/.test(m[1]) && !/^[a-z]+:\/\//i.test(m[1])) {
    const line = Number(m[2] ?? m[4]);
    const end = m[3] ?? m[5];
    return { path: m[1], line, endLine: end ? Number(end) : undefined };
  }
  return BARE_PATH.test(t) ? { path: t } : undefined;
}

function refAnchor(ref: FileRef, innerHtml: string): string {
  const line = ref.line ? ` data-line="${ref.line}"` : '';
  const end = ref.endLine ? ` data-end="${ref.endLine}"` : '';
  return `<a href="#" class="ref" data-path="${escapeHtml(ref.path)}"${line}${end}>${innerHtml}</a>`;
}

// Emphasis on already-escaped text (escaping leaves `*` and `_` alone).
function emphasis(html: string): string {
  return html
    .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
}

// Plain text (no code spans, no Markdown links): references become links, the rest is escaped.
function plain(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(REF_WITH_LINE)) {
    const ref = parseFileRef(m[0]);
    if (!ref) continue;
    out += emphasis(escapeHtml(text.slice(last, m.index)));
    out += refAnchor(ref, escapeHtml(m[0]));
    last = m.index! + m[0].length;
  }
  return out + emphasis(escapeHtml(text.slice(last)));
}

function link(label: string, target: string): string {
  const url = target.trim();
  if (/^(https?:|mailto:)/i.test(url)) {
    return `<a href="${escapeHtml(url)}" class="external">${plain(label)}</a>`;
  }
  const ref = parseFileRef(url.replace(/^file:\/\//, ''));
  return ref ? refAnchor(ref, plain(label)) : plain(label);
}

// Text without code spans: Markdown links, then plain text.
function linksAndText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\[([^\]\n]+)\]\(([^)\s]+)\)/g)) {
    out += plain(text.slice(last, m.index));
    out += link(m[1], m[2]);
    last = m.index! + m[0].length;
  }
  return out + plain(text.slice(last));
}

export function renderInline(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    if (tick < 0) break;
    const run = /^`+/.exec(text.slice(tick))![0];
    const close = text.indexOf(run, tick + run.length);
    if (close < 0) break;
    out += linksAndText(text.slice(i, tick));
    const code = text.slice(tick + run.length, close).replace(/^ (.*) $/, '$1');
    const ref = parseFileRef(code);
    const html = `<code>${escapeHtml(code)}</code>`;
    out += ref ? refAnchor(ref, html) : html;
    i = close + run.length;
  }
  return out + linksAndText(text.slice(i));
}

// The info string of a fence: its language, and a path when it names one (```python tests/x.py).
function fenceInfo(info: string): { lang: string; path?: string } {
  const words = info.trim().split(/\s+/).filter((w) => w !== '');
  const pathWord = words.find((w, i) => (i > 0 || w.includes('/')) && /[/.]/.test(w));
  const lang = words[0] && words[0] !== pathWord ? words[0] : '';
  return { lang, path: pathWord?.replace(/^(?:path|file|title)=/, '').replace(/^["']|["']$/g, '') };
}

function codeBlock(info: string, lines: string[]): string {
  const { lang, path } = fenceInfo(info);
  const langAttr = lang ? ` data-lang="${escapeHtml(lang)}"` : '';
  const pathAttr = path ? ` data-path="${escapeHtml(path)}"` : '';
  const label = path ? `<span class="code-path">${escapeHtml(path)}</span>` : lang ? `<span class="code-lang">${escapeHtml(lang)}</span>` : '';
  return (
    `<div class="code-block"${langAttr}${pathAttr}>` +
    `<div class="code-bar">${label}` +
    `<button data-action="copy">Copy</button><button data-action="insert">Insert</button>` +
    `<button data-action="create">Create file</button></div>` +
    `<pre><code>${escapeHtml(lines.join('\n'))}</code></pre></div>`
  );
}

type ListKind = 'ul' | 'ol';
const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;

export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { kind: ListKind; items: string[] } | undefined;
  let quote: string[] = [];

  const flush = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map(renderInline).join('<br>')}</p>`);
    paragraph = [];
    if (list) out.push(`<${list.kind}>${list.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</${list.kind}>`);
    list = undefined;
    if (quote.length) out.push(`<blockquote>${renderMarkdown(quote.join('\n'))}</blockquote>`);
    quote = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      flush();
      const marker = fence[1];
      const body: string[] = [];
      let j = i + 1;
      const closes = new RegExp(`^\\s{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      while (j < lines.length && !closes.test(lines[j])) body.push(lines[j++]);
      out.push(codeBlock(fence[2], body));
      i = j;
      continue;
    }
    if (/^\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      if (!quote.length) flush();
      quote.push(line.replace(/^\s{0,3}>\s?/, ''));
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1].length}>${renderInline(heading[2])}</h${heading[1].length}>`);
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      out.push('<hr>');
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const kind: ListKind = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (!list || list.kind !== kind) {
        flush();
        list = { kind, items: [] };
      }
      list.items.push(item[2]);
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ' ' + line.trim();
      continue;
    }
    if (list || quote.length) flush();
    paragraph.push(line);
  }
  flush();
  return out.join('\n');
}

export interface ReferenceEntry {
  uri: string;
  startLine: number; // 0-based, as LSP ranges
  endLine: number;
  label: string;
}

// The "References" footer under an answer: one link per piece of code the model was sent.
export function renderReferenceList(refs: ReferenceEntry[]): string {
  if (!refs.length) return '';
  const items = refs.map((r) => {
    const path = r.uri.replace(/^file:\/\//, '');
    const anchor = `<a href="#" class="ref" data-path="${escapeHtml(decodeURIComponent(path))}" data-line="${r.startLine + 1}" data-end="${Math.max(r.endLine, r.startLine + 1)}">${escapeHtml(r.label)}</a>`;
    return `<li>${anchor}</li>`;
  });
  return `<details class="references"><summary>References (${refs.length})</summary><ul>${items.join('')}</ul></details>`;
}
