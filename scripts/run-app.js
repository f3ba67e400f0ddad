#!/usr/bin/env node
// Starts one app from its TypeScript sources (SWC compiles on load, so `npm start` needs no
// build step). Usage: node scripts/run-app.js <standalone|identity|applications|...>
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const app = process.argv[2];
const entry = join(__dirname, '..', 'apps', app ?? '', 'src', 'main.ts');
if (!app || !existsSync(entry)) {
  process.stderr.write(`usage: node scripts/run-app.js <app>; no apps/${app}/src/main.ts\n`);
  process.exit(2);
}
const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { stdio: 'inherit', env: { SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json'), ...process.env } });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
