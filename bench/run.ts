import { readdirSync } from 'node:fs';
import path from 'node:path';

/** `npm run bench -- <name>` runs bench/<name>.ts; each bench prints its figures and sets the exit code. */
const available = readdirSync(__dirname)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -'.ts'.length));
const name = process.argv[2];

if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
// The bench sees its own arguments only, as when run directly with `node --import tsx bench/<name>.ts`.
process.argv.splice(2, 1);
import(path.join(__dirname, `${name}.ts`)).catch((error: unknown) => {
  process.stderr.write(`bench ${name} failed to load: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
