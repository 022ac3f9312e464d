// The chat view's page. It shows HTML the extension rendered (already escaped there), sends
// what the user types, completes slash commands from gloss/commands, and forwards clicks on
// code-block buttons, references, links and the session history to the extension.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const transcript = $('transcript');
  const input = /** @type {HTMLTextAreaElement} */ ($('input'));
  const completions = $('completions');
  const sessions = $('sessions');
  let items = [];
  let selected = 0;

  function entryElement(entry) {
    let el = document.getElementById(entry.id);
    if (!el) {
      el = document.createElement('article');
      el.id = entry.id;
      transcript.appendChild(el);
    }
    el.className = 'entry ' + entry.role;
    el.innerHTML = entry.html + (entry.note ? '<div class="note"></div>' : '');
    if (entry.note) el.querySelector('.note').textContent = entry.note;
    return el;
  }

  function scrollToEnd() {
    transcript.scrollTop = transcript.scrollHeight;
  }

  function showCompletions(list) {
    items = list;
    selected = 0;
    completions.textContent = '';
    list.forEach((c, i) => {
      const li = document.createElement('li');
      li.className = i === selected ? 'selected' : '';
      const name = document.createElement('b');
      name.textContent = c.name;
      const usage = document.createElement('span');
      usage.textContent = ' ' + c.usage + ' — ' + c.description;
      li.append(name, usage);
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        accept(i);
      });
      completions.appendChild(li);
    });
    completions.hidden = list.length === 0;
  }

  function accept(i) {
    const line = currentLine();
    const before = input.value.slice(0, line.start);
    input.value = before + items[i].name + ' ' + input.value.slice(line.end);
    showCompletions([]);
    input.focus();
  }

  // The line under the caret, where a slash command may be typed.
  function currentLine() {
    const caret = input.selectionStart;
    const start = input.value.lastIndexOf('\n', caret - 1) + 1;
    let end = input.value.indexOf('\n', caret);
    if (end < 0) end = input.value.length;
    return { start, end, text: input.value.slice(start, caret) };
  }

  function send() {
    const text = input.value.trim();
    if (!text) return;
    vscode.postMessage({ type: 'send', text });
    input.value = '';
    showCompletions([]);
  }

  function renderSessions(list, current) {
    sessions.textContent = '';
    if (list.length === 0) sessions.textContent = 'No sessions yet.';
    for (const s of list) {
      const row = document.createElement('div');
      row.className = 'session' + (s.id === current ? ' current' : '');
      const open = document.createElement('a');
      open.href = '#';
      open.textContent = s.label;
      open.title = s.when;
      open.addEventListener('click', (e) => {
        e.preventDefault();
        sessions.hidden = true;
        vscode.postMessage({ type: 'openSession', id: s.id });
      });
      const rename = document.createElement('button');
      rename.textContent = 'Rename';
      rename.addEventListener('click', () => vscode.postMessage({ type: 'renameSession', id: s.id }));
      const del = document.createElement('button');
      del.textContent = 'Delete';
      del.addEventListener('click', () => vscode.postMessage({ type: 'deleteSession', id: s.id }));
      row.append(open, rename, del);
      sessions.appendChild(row);
    }
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'reset') {
      transcript.textContent = '';
      $('title').textContent = m.title;
      m.entries.forEach(entryElement);
      scrollToEnd();
    } else if (m.type === 'entry') {
      const atEnd = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
      entryElement(m.entry);
      if (atEnd) scrollToEnd();
    } else if (m.type === 'title') {
      $('title').textContent = m.title;
    } else if (m.type === 'busy') {
      $('stop').hidden = !m.busy;
      $('send').hidden = m.busy;
    } else if (m.type === 'completions') {
      if (currentLine().text.startsWith('/')) showCompletions(m.items);
    } else if (m.type === 'history') {
      renderSessions(m.sessions, m.current);
    }
  });

  transcript.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const ref = target.closest('a.ref');
    if (ref instanceof HTMLElement) {
      e.preventDefault();
      vscode.postMessage({ type: 'openRef', path: ref.dataset.path, line: ref.dataset.line, end: ref.dataset.end });
      return;
    }
    const external = target.closest('a.external');
    if (external instanceof HTMLAnchorElement) {
      e.preventDefault();
      vscode.postMessage({ type: 'openExternal', href: external.getAttribute('href') });
      return;
    }
    const button = target.closest('button[data-action]');
    if (!(button instanceof HTMLElement)) return;
    const action = button.dataset.action;
    if (action === 'create-proposal') {
      vscode.postMessage({ type: 'createProposal', entry: button.dataset.entry, index: button.dataset.index });
      return;
    }
    const block = button.closest('.code-block');
    if (!(block instanceof HTMLElement)) return;
    const code = block.querySelector('pre code')?.textContent ?? '';
    if (action === 'copy') vscode.postMessage({ type: 'copy', code });
    if (action === 'insert') vscode.postMessage({ type: 'insert', code });
    if (action === 'create') vscode.postMessage({ type: 'createFile', code, path: block.dataset.path });
  });

  input.addEventListener('input', () => {
    const line = currentLine().text;
    if (/^\/[\w-]*$/.test(line)) vscode.postMessage({ type: 'complete', prefix: line });
    else showCompletions([]);
  });

  input.addEventListener('keydown', (e) => {
    if (!completions.hidden && items.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        selected = (selected + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        [...completions.children].forEach((li, i) => (li.className = i === selected ? 'selected' : ''));
        return;
      }
      if (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) {
        e.preventDefault();
        accept(selected);
        return;
      }
      if (e.key === 'Escape') {
        showCompletions([]);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  });

  $('send').addEventListener('click', send);
  $('stop').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
  $('new').addEventListener('click', () => vscode.postMessage({ type: 'newSession' }));
  $('history').addEventListener('click', () => {
    sessions.hidden = !sessions.hidden;
    if (!sessions.hidden) vscode.postMessage({ type: 'showHistory' });
  });

  vscode.postMessage({ type: 'ready' });
})();
