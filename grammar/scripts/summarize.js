#!/usr/bin/env node
// Prints "grammar: N passed, M failed" from the XUnit reports that
// vscode-tmgrammar-test writes with --xunit-format gitlab (one test case per
// asserted source line; a file that cannot be parsed counts as one failure).
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || 'test-results';
let tests = 0;
let failed = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xml')) : [];
for (const file of files) {
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  const attr = (name) => Number((xml.match(new RegExp(`\\b${name}="(\\d+)"`)) || [])[1] || 0);
  tests += attr('tests');
  failed += attr('failures') + attr('errors');
}
if (files.length === 0) {
  console.error(`no XUnit reports found in ${dir}`);
  failed = 1;
}
console.log(`grammar: ${tests - Math.min(failed, tests)} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
