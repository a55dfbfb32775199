#!/usr/bin/env node
// Prints "grammar: N passed, M failed, K skipped" from the XUnit reports that
// vscode-tmgrammar-test writes with --xunit-format gitlab (one test case per
// asserted source line; a file that cannot be parsed counts as one failure),
// after one "skipped: grammar: TEST: REASON" line per skipped test case.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || 'test-results';
let tests = 0;
let failed = 0;
const skips = [];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xml')) : [];
for (const file of files) {
  const xml = fs.readFileSync(path.join(dir, file), 'utf8');
  const attr = (name) => Number((xml.match(new RegExp(`\\b${name}="(\\d+)"`)) || [])[1] || 0);
  tests += attr('tests');
  failed += attr('failures') + attr('errors');
  for (const match of xml.matchAll(/<testcase\b[^>]*?\bname="([^"]*)"[^>]*>\s*<skipped\b(?:[^>]*?\bmessage="([^"]*)")?/g)) {
    skips.push(`skipped: grammar: ${match[1]}: ${match[2] || 'no reason given'}`);
  }
}
if (files.length === 0) {
  console.error(`no XUnit reports found in ${dir}`);
  failed = 1;
}
for (const skip of skips) {
  console.log(skip);
}
const passed = Math.max(0, tests - failed - skips.length);
console.log(`grammar: ${passed} passed, ${failed} failed, ${skips.length} skipped`);
process.exitCode = failed === 0 ? 0 : 1;
