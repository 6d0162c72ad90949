import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Edition } from '../config/config';
import { coreModule } from '../core/core.module';
import { microsoftModule } from '../microsoft/microsoft.module';
import { microsoftMaintenanceModule } from '../microsoft/microsoft-maintenance.module';
import { mspSsoModule } from '../msp-sso/msp-sso.module';
import { scheduleModule } from '../schedule/schedule.module';
import { usersModule } from '../users/users.module';
import { ExtensionRegistry } from './extension-registry';

/** What `ee/src/index` must export. CE defines the shape; EE fills it in. */
export interface EditionEntry {
  register(registry: ExtensionRegistry): void | Promise<void>;
}

/**
 * THE only door into `ee/`: a dynamic import, taken only in enterprise. The specifier is built at run time so
 * nothing in CE resolves (or type-checks against) `ee/` statically, and a CE tree without `ee/` still loads.
 */
export const EE_ENTRY = path.resolve(__dirname, '../../ee/src/index');

export async function loadEdition(edition: Edition): Promise<ExtensionRegistry> {
  const registry = new ExtensionRegistry(edition);
  registry.addModule(coreModule);
  registry.addModule(microsoftModule);
  registry.addModule(microsoftMaintenanceModule);
  registry.addModule(mspSsoModule);
  registry.addModule(usersModule);
  registry.addModule(scheduleModule);
  if (edition === 'enterprise') {
    await (await importEnterpriseEntry()).register(registry);
  }
  return registry;
}

async function importEnterpriseEntry(): Promise<EditionEntry> {
  if (!existsSync(path.dirname(EE_ENTRY))) {
    throw new Error('EDITION=enterprise, but this build has no Enterprise code (ee/ is missing). Use EDITION=community.');
  }
  // Resolved first: native import() needs the file's extension (.js compiled, .ts under tsx and jest).
  return (await import(require.resolve(EE_ENTRY))) as EditionEntry;
}
