import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyService } from '../auth/api-key.service';
import { coreEntities } from '../db/entities';
import type { EditionModule } from '../edition/extension-registry';
import { TenantService } from '../tenants/tenant.service';
import { coreMigrations } from '../../migrations';
import { coreResolvers } from './core.resolvers';

export const SCHEMA_DIR = path.resolve(__dirname, '../../schema');

export const coreModule: EditionModule = {
  name: 'core',
  typeDefs: [readFileSync(path.join(SCHEMA_DIR, 'core.graphql'), 'utf8')],
  entities: coreEntities,
  migrations: coreMigrations,
  resolvers: (deps) => {
    const apiKeys = new ApiKeyService(deps.orm);
    return coreResolvers({ edition: deps.config.edition, apiKeys, tenants: new TenantService(deps.orm, apiKeys) });
  },
};
