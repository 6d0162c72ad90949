import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { Logger } from '../observability/logger';

export type Orm = MikroORM;

export interface OrmOptions {
  url: string;
  poolMax: number;
  entities: EntitySchema<any>[];
  logger: Logger;
}

export function ormConfig({ url, poolMax, entities, logger }: OrmOptions): Options {
  return {
    clientUrl: url,
    entities,
    discovery: { warnWhenNoEntities: false },
    // Forgetting to fork the EntityManager must fail loudly, in tests too.
    allowGlobalContext: false,
    pool: { min: 0, max: poolMax, acquireTimeoutMillis: 5000 },
    driverOptions: {
      // A dead database must fail requests quickly instead of queueing them (readiness depends on it).
      connection: { connectionTimeoutMillis: 2000 },
      // knex prints pool warnings (e.g. a dropped connection) with console.log: keep them in the JSON log.
      log: {
        warn: (message: string) => logger.warn({ component: 'knex' }, message),
        error: (message: string) => logger.error({ component: 'knex' }, message),
        deprecate: (message: string) => logger.debug({ component: 'knex' }, message),
        debug: (message: string) => logger.debug({ component: 'knex' }, message),
      },
    },
    logger: (message) => logger.debug({ component: 'mikro-orm' }, message),
    debug: false,
  };
}

export async function createOrm(options: OrmOptions): Promise<Orm> {
  return MikroORM.init(ormConfig(options));
}
