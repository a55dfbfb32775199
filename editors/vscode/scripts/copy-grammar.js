#!/usr/bin/env node
// Copies the project's one TextMate grammar (grammar/xencfg.tmLanguage.json) into the
// extension. The copy is a build artifact (see .gitignore), never edited by hand.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const source = path.resolve(__dirname, '..', '..', '..', 'grammar', 'xencfg.tmLanguage.json');
const target = path.resolve(__dirname, '..', 'syntaxes', 'xencfg.tmLanguage.json');

if (!fs.existsSync(source)) {
  console.error(`copy-grammar: ${source} not found; run this from a checkout of the repository.`);
  process.exit(1);
}
JSON.parse(fs.readFileSync(source, 'utf8')); // fail here, not in the editor, on a broken grammar
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
console.log(`copy-grammar: ${path.relative(process.cwd(), source)} -> ${path.relative(process.cwd(), target)}`);
