import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '../../auth/request-context';

export interface ApiKey {
  id: string;
  tenantId: string;
  /** The user the key acts as; requests made with it carry this user id. */
  userId: string;
  name: string;
  /** Public, indexed part of the key: finds the row without scanning hashes. */
  prefix: string;
  secretHash: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const ApiKeySchema = new EntitySchema<ApiKey>({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', fieldName: 'tenant_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    name: { type: 'string' },
    prefix: { type: 'string' },
    secretHash: { type: 'string', fieldName: 'secret_hash' },
    role: { type: 'string' },
    createdAt: { type: 'Date', fieldName: 'created_at', onCreate: () => new Date() },
    lastUsedAt: { type: 'Date', fieldName: 'last_used_at', nullable: true },
    revokedAt: { type: 'Date', fieldName: 'revoked_at', nullable: true },
  },
});
