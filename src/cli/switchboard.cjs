#!/usr/bin/env node
// The `switchboard` bin: loads the TypeScript CLI through tsx (installed as a dependency by `npm ci`).
require('tsx/cjs');
require('./main.ts');
