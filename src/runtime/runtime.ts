import { Redis } from 'ioredis';
import type { Config } from '../config/config';
import { parseKeyRing } from '../crypto/key-ring';
import { SecretBox } from '../crypto/secret-box';
import { findRunningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';
import { appliedMaterializationMigrations, runMigrations } from '../db/migrate';
import { createOrm } from '../db/orm';
import { HookRegistry, type ExtensionRegistry } from '../edition/extension-registry';
import { loadEdition } from '../edition/load-edition';
import { BindingMaterializationService, type MaterializationReport } from '../microsoft/binding-materialization.service';
import { MicrosoftConsumerProfileResolver } from '../microsoft/consumer-profile-resolver';
import { createLogger, type Logger } from '../observability/logger';
import { throttledWarn } from '../observability/throttled-log';
import { createJobQueue } from '../queue/create-job-queue';
import { loadOrCreateDevSecretKeys } from './dev-secret-keys';
import type { ServiceDeps } from './service-deps';

export interface MigrationReport {
  applied: Record<string, string[]>;
  /** Present when an applied migration asked for legacy binding materialization. */
  materialization?: MaterializationReport;
}

export interface Runtime {
  deps: ServiceDeps;
  registry: ExtensionRegistry;
  databaseUrl: string;
  /** What `migrate: true` did in this start; undefined without it. */
  migrations: MigrationReport | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Apply pending migrations before opening the ORM (API and CLI `migrate`). */
  migrate?: boolean;
  logger?: Logger;
  /**
   * CLI use: connect to the embedded database a running server already serves instead of opening the data
   * directory a second time.
   */
  shareEmbeddedDatabase?: boolean;
}

/** Wires config → edition → database → queue → hooks. The one place process resources are opened. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const registry = await loadEdition(config.edition);
    const { url: databaseUrl, embedded } = await resolveDatabase(config, logger, options.shareEmbeddedDatabase ?? false);
    if (embedded) closers.push(() => embedded.close());
    const secretKeys = config.secretKeys ?? (await loadOrCreateDevSecretKeys(config.dataDir, logger));
    const keyRing = parseKeyRing(secretKeys);
    const secretBox = new SecretBox(keyRing);
    const applied = options.migrate ? await runMigrations(databaseUrl, registry.migrationSets(), logger) : undefined;
    const orm = await createOrm({ url: databaseUrl, poolMax: config.database.poolMax, entities: registry.entities(), logger });
    closers.push(() => orm.close());
    const redis = config.redis ? connectRedis(config.redis.url, logger) : undefined;
    if (redis) closers.push(() => redis.quit());
    const queue = createJobQueue(config, logger);
    closers.push(() => queue.close());
    const hooks = new HookRegistry();
    const microsoftCredentials = new MicrosoftConsumerProfileResolver({ orm, secretBox, edition: config.edition, logger });
    await microsoftCredentials.start(databaseUrl);
    closers.push(() => microsoftCredentials.close());
    const deps: ServiceDeps = { config, logger, orm, queue, secretBox, keyRing, hooks, redis, microsoftCredentials };
    registry.subscribeAll(hooks, deps);
    const migrations = applied && { applied, materialization: await materializeIfMigrated(deps, registry, applied) };
    return { deps, registry, databaseUrl, migrations, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function materializeIfMigrated(
  deps: ServiceDeps,
  registry: ExtensionRegistry,
  applied: Record<string, string[]>,
): Promise<MaterializationReport | undefined> {
  const triggers = appliedMaterializationMigrations(registry.migrationSets(), applied);
  if (triggers.length === 0) return undefined;
  const report = await new BindingMaterializationService({
    orm: deps.orm,
    secretBox: deps.secretBox,
    edition: deps.config.edition,
    sources: registry.bindingEvidence(),
    logger: deps.logger,
  }).materialize();
  const count = (key: 'created' | 'unresolved') => report.tenants.reduce((sum, tenant) => sum + tenant[key].length, 0);
  deps.logger.info({ triggers, tenants: report.tenants.length, created: count('created'), unresolved: count('unresolved') }, 'legacy Microsoft bindings materialized');
  return report;
}

async function resolveDatabase(
  config: Config,
  logger: Logger,
  shareEmbedded: boolean,
): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (config.database.url) return { url: config.database.url };
  const running = shareEmbedded ? await findRunningEmbeddedPostgres(config.dataDir) : undefined;
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres(config.dataDir, logger);
  return { url: embedded.url, embedded };
}

function connectRedis(url: string, logger: Logger): Redis {
  // Fail commands fast while Redis is away (readiness, caches) instead of queueing them indefinitely.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', throttledWarn(logger, 'redis connection error'));
  return redis;
}
