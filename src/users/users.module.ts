import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../core/core.module';
import type { EditionModule } from '../edition/extension-registry';
import { UserService } from './user.service';
import { usersResolvers } from './users.resolvers';

/** Users provisioned by the host PSA (both editions). The entity is registered by core (auth needs it). */
export const usersModule: EditionModule = {
  name: 'users',
  typeDefs: [readFileSync(path.join(SCHEMA_DIR, 'users.graphql'), 'utf8')],
  resolvers: (deps) => usersResolvers(new UserService(deps.orm)),
};
