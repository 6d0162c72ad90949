import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../core/core.module';
import type { EditionModule } from '../edition/extension-registry';
import { MicrosoftConsumerBindingSchema } from './microsoft-binding.entity';
import { MicrosoftBindingService } from './microsoft-binding.service';
import { MicrosoftProfileSchema } from './microsoft-profile.entity';
import { MicrosoftProfileService } from './microsoft-profile.service';
import { microsoftResolvers } from './microsoft.resolvers';

/** Microsoft profiles and consumer bindings: shared schema, both editions (the matrix decides the consumers). */
export const microsoftModule: EditionModule = {
  name: 'microsoft',
  typeDefs: [readFileSync(path.join(SCHEMA_DIR, 'microsoft.graphql'), 'utf8')],
  entities: [MicrosoftProfileSchema, MicrosoftConsumerBindingSchema],
  resolvers: (deps) => {
    const onConfigChanged = (tenantId: string) => deps.microsoftCredentials.invalidate(tenantId);
    return microsoftResolvers({
      edition: deps.config.edition,
      publicUrl: deps.config.publicUrl,
      profiles: new MicrosoftProfileService({ orm: deps.orm, edition: deps.config.edition, secretBox: deps.secretBox, onConfigChanged }),
      bindings: new MicrosoftBindingService({ orm: deps.orm, edition: deps.config.edition, hooks: deps.hooks, onConfigChanged }),
      resolver: deps.microsoftCredentials,
    });
  },
};
