// docs/editors.md shows the editor configs in full; the tests run the files in docs/editors/. This keeps the two
// the same: each "<!-- file: PATH -->" marker in the page must be followed by a fenced block holding exactly that
// file, and every file in docs/editors/ must be shown.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repositoryRoot = path.resolve(__dirname, '..', '..');
const page = fs.readFileSync(path.join(repositoryRoot, 'docs', 'editors.md'), 'utf8');
const shown = [...page.matchAll(/^<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)^```$/gm)].map((m) => ({ file: m[1], text: m[2] }));

test('every config in docs/editors/ is shown once in docs/editors.md', () => {
  const files = fs.readdirSync(path.join(repositoryRoot, 'docs', 'editors')).map((name) => `docs/editors/${name}`).sort();
  assert.deepEqual(shown.map((s) => s.file).sort(), files);
});

for (const { file, text } of shown) {
  test(`docs/editors.md shows ${file} as it is`, () => {
    assert.equal(text, fs.readFileSync(path.join(repositoryRoot, file), 'utf8'));
  });
}
