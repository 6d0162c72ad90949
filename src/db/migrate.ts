import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import { Client } from 'pg';
import type { Logger } from '../observability/logger';

export interface MigrationEntry {
  name: string;
  class: new (...args: any[]) => Migration;
  /**
   * Legacy binding materialization runs right after this migration is applied (DESIGN.md §4.6: it happens at
   * migration time, once, not whenever evidence shows up later). Re-running it is safe; it is also a CLI command.
   */
  materializesLegacyBindings?: true;
}

/** Whether any applied migration asks for legacy binding materialization. */
export function appliedMaterializationMigrations(sets: MigrationSet[], applied: Record<string, string[]>): string[] {
  return sets.flatMap((set) =>
    set.migrations.filter((entry) => entry.materializesLegacyBindings && applied[set.name]?.includes(entry.name)).map((entry) => entry.name),
  );
}

/**
 * A named, ordered list of migrations with its own bookkeeping table. CE and EE keep separate tables so a
 * database can move from community to enterprise (EE set runs on top) and back (EE rows stay untouched).
 */
export interface MigrationSet {
  name: string;
  tableName: string;
  migrations: MigrationEntry[];
}

const MIGRATION_LOCK_KEY = 0x5b0a4d; // any constant: serialises migrations of concurrently starting processes

export async function runMigrations(url: string, sets: MigrationSet[], logger: Logger): Promise<Record<string, string[]>> {
  const lockClient = new Client({ connectionString: url });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied: Record<string, string[]> = {};
    for (const set of sets) applied[set.name] = await runSet(url, set, logger);
    return applied;
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockClient.end();
  }
}

async function runSet(url: string, set: MigrationSet, logger: Logger): Promise<string[]> {
  const orm = await MikroORM.init({
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    pool: { min: 0, max: 1 },
    logger: (message) => logger.debug({ component: 'migrator', set: set.name }, message),
    migrations: {
      tableName: set.tableName,
      migrationsList: set.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
  try {
    const executed = await orm.migrator.up();
    const names = executed.map((migration) => migration.name);
    if (names.length > 0) logger.info({ set: set.name, migrations: names }, 'migrations applied');
    return names;
  } catch (error) {
    throw new Error(`migration set "${set.name}" failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await orm.close();
  }
}
