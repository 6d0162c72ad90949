import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '../../auth/request-context';

export interface User {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  createdAt: Date;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', fieldName: 'tenant_id' },
    email: { type: 'string' },
    role: { type: 'string' },
    createdAt: { type: 'Date', fieldName: 'created_at', onCreate: () => new Date() },
  },
});
