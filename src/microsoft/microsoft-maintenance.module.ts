import type { EditionModule } from '../edition/extension-registry';
import { microsoftEmailProviderEvidence, mspSsoLoginDomainEvidence } from './binding-evidence';
import { tenantSecretContext } from './legacy-credentials';
import { profileSecretContext } from './profile-secret';

/**
 * What the maintenance commands (`microsoft materialize-bindings`, `secrets rotate`) need from the CE Microsoft
 * tables. Registered like any module, so EE adds its own tables the same way and CE code never names them.
 */
export const microsoftMaintenanceModule: EditionModule = {
  name: 'microsoft.maintenance',
  bindingEvidence: [mspSsoLoginDomainEvidence, microsoftEmailProviderEvidence],
  encryptedColumns: [
    { table: 'microsoft_profiles', idColumns: ['id'], column: 'client_secret', context: (row) => profileSecretContext(row.id!) },
    {
      table: 'tenant_secrets',
      idColumns: ['tenant_id', 'name'],
      column: 'value',
      envelopesOnly: true,
      context: (row) => tenantSecretContext(row.tenant_id!, row.name!),
    },
  ],
};
