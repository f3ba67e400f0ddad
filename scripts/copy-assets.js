// After tsc: the files the build serves that are not TypeScript (the dashboard's page, script
// and styles), copied beside the compiled code so dist/ holds everything the image runs.
const { cpSync } = require('node:fs');
const { join } = require('node:path');

const ASSETS = ['apps/reporting/src/dashboard/page'];
const root = join(__dirname, '..');
for (const dir of ASSETS) cpSync(join(root, dir), join(root, 'dist', dir), { recursive: true });
