import { readFileSync } from 'node:fs';
import path from 'node:path';

const EE_SCHEMA_DIR = path.resolve(__dirname, '../schema');

/** Reads one EE SDL fragment from ee/schema/. */
export const eeSdl = (file: string) => readFileSync(path.join(EE_SCHEMA_DIR, file), 'utf8');
