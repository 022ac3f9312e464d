// A small Python repository for the integration test: a helper module, the function under
// test, a caller and an existing pytest test (as the server's own e2e fixture), plus 40 files
// of 25 grep hits each, and a folder the `gloss.exclude` setting leaves out.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GREP_FILES = 40;
export const HITS_PER_FILE = 25;

export function writeWorkspace(root: string): void {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('pytest.ini', '[pytest]\ntestpaths = tests\n');
  write('pkg/__init__.py', '');
  write(
    'pkg/textutil.py',
    '"""Text helpers shared by the reports."""\n\n\ndef normalize(text):\n    """Lower-case the text and strip surrounding blanks."""\n    return text.strip().lower()\n\n\n' +
      'def tokenize(text):\n    """Split normalized text into words."""\n    return [w for w in normalize(text).split() if w]\n',
  );
  write(
    'pkg/report.py',
    'from pkg.textutil import tokenize\n\n\ndef word_count(text):\n    """Count the words of a text."""\n    # keep it simple\n    words = tokenize(text)\n    return len(words)\n',
  );
  write('app.py', 'from pkg.report import word_count\n\n\ndef main():\n    total = word_count("a b c")\n    print(total)\n');
  write('tests/test_textutil.py', 'import pytest\n\nfrom pkg.textutil import normalize\n\n\ndef test_normalize():\n    assert normalize("  A ") == "a"\n');
  for (let f = 0; f < GREP_FILES; f++) {
    const n = String(f).padStart(2, '0');
    const hits = Array.from({ length: HITS_PER_FILE }, (_, i) => `    values.append("needle_${i}")\n`).join('');
    write(`many/file_${n}.py`, `def find_${n}():\n    values = []\n${hits}    return values\n`);
  }
  write('ignored/skip.py', 'NEEDLE = "needle_1"\n');
}
