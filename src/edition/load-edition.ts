import path from 'node:path';
import type { Edition } from '../config/config';
import { coreModule } from '../core/core.module';
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
  if (edition === 'enterprise') {
    const entry = (await import(EE_ENTRY)) as EditionEntry;
    await entry.register(registry);
  }
  return registry;
}
