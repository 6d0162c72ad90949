import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExtensionRegistry } from '../../src/edition/extension-registry';
import { eeMigrations } from '../migrations';

const EE_SCHEMA_DIR = path.resolve(__dirname, '../schema');
const sdl = (file: string) => readFileSync(path.join(EE_SCHEMA_DIR, file), 'utf8');

/** EE entry point: everything Enterprise adds, registered on CE's extension points. */
export function register(registry: ExtensionRegistry): void {
  registry.addModule({ name: 'ee.consumers', typeDefs: [sdl('consumers.graphql')], migrations: eeMigrations });
}
