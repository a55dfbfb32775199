import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
// Strict JSON on purpose (VS Code would accept comments): a parse error fails here.
const configuration = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));

test('line comments start with #', () => {
  assert.deepEqual(configuration.comments, { lineComment: '#' });
});

test('brackets: [] for lists and () for xm Python', () => {
  assert.deepEqual(configuration.brackets, [['[', ']'], ['(', ')']]);
});

test("quotes and [ close automatically, but not inside strings or comments", () => {
  const pairs = new Map(configuration.autoClosingPairs.map((p: { open: string; close: string; notIn?: string[] }) => [p.open, p]));
  for (const open of ["'", '"', '[']) assert.ok(pairs.has(open), `${open} is not auto-closed`);
  for (const quote of ["'", '"']) {
    const pair = pairs.get(quote) as { close: string; notIn: string[] };
    assert.equal(pair.close, quote);
    assert.deepEqual(pair.notIn, ['string', 'comment']);
  }
});

test("selections can be surrounded with quotes and brackets", () => {
  const surrounding = configuration.surroundingPairs.map((p: string[]) => p.join(''));
  for (const pair of ["''", '""', '[]', '()']) assert.ok(surrounding.includes(pair), pair);
});

test('the word pattern compiles and takes whole keys and vdevs', () => {
  const word = new RegExp(configuration.wordPattern, 'g');
  assert.deepEqual('device_model_version = xvda1'.match(word), ['device_model_version', 'xvda1']);
});
