#!/usr/bin/env node
// The `switchboard` bin: runs the TypeScript CLI exactly the way `npm start` runs the server
// (`node --import tsx`, tsx being a dependency installed by `npm ci`), so ESM and CJS loading behave the same.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const loader = pathToFileURL(require.resolve('tsx')).href;
const result = spawnSync(process.execPath, ['--import', loader, path.join(__dirname, 'main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (result.error) {
  process.stderr.write(`switchboard: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
