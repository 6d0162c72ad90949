import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '../../auth/request-context';

/** Persistence: MikroORM entity (plain CRUD and an ON CONFLICT upsert the ORM can express). */
export interface User {
  id: string;
  tenantId: string;
  /** The host PSA's id; null for the bootstrap admin the CLI creates. */
  externalId: string | null;
  email: string;
  displayName: string | null;
  role: Role;
  createdAt: Date;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', fieldName: 'tenant_id' },
    externalId: { type: 'string', fieldName: 'external_id', nullable: true },
    email: { type: 'string' },
    displayName: { type: 'string', fieldName: 'display_name', nullable: true },
    role: { type: 'string' },
    createdAt: { type: 'Date', fieldName: 'created_at', onCreate: () => new Date() },
  },
});
