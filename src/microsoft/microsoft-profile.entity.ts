import { EntitySchema } from '@mikro-orm/core';

export interface MicrosoftProfile {
  id: string;
  tenantId: string;
  displayName: string;
  clientId: string;
  /** Azure AD tenant id (GUID) or `common` / `organizations` / `consumers`. */
  tenantAuthority: string;
  /**
   * Directories (tenant GUIDs) whose accounts may sign in through a multi-tenant authority (`common` /
   * `organizations`). Empty = nobody. A GUID authority admits only its own directory; this list defaults to it.
   */
  allowedDirectoryIds: string[];
  /** Secret-box envelope; never leaves the service layer decrypted except to a credential runtime. */
  clientSecret: string | null;
  /** Profile-management metadata only: never used to route a consumer. */
  isDefault: boolean;
  isArchived: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const MicrosoftProfileSchema = new EntitySchema<MicrosoftProfile>({
  name: 'MicrosoftProfile',
  tableName: 'microsoft_profiles',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', fieldName: 'tenant_id' },
    displayName: { type: 'string', fieldName: 'display_name' },
    clientId: { type: 'string', fieldName: 'client_id' },
    tenantAuthority: { type: 'string', fieldName: 'tenant_authority' },
    allowedDirectoryIds: { type: 'string[]', fieldName: 'allowed_directory_ids', columnType: 'text[]' },
    clientSecret: { type: 'text', fieldName: 'client_secret', nullable: true },
    isDefault: { type: 'boolean', fieldName: 'is_default' },
    isArchived: { type: 'boolean', fieldName: 'is_archived' },
    archivedAt: { type: 'Date', fieldName: 'archived_at', nullable: true },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
