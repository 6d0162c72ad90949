import { randomUUID } from 'node:crypto';
import { ApiKeyService } from '../auth/api-key.service';
import { TenantSchema, type Tenant } from '../db/entities/tenant.entity';
import { UserSchema } from '../db/entities/user.entity';
import type { Orm } from '../db/orm';
import { badUserInput } from '../errors/domain-errors';
import { normalizeEmail } from '../users/email';

export interface CreatedTenant {
  tenantId: string;
  userId: string;
  apiKey: string;
}

export class TenantService {
  constructor(
    private readonly orm: Orm,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /** Creates a tenant, its first admin and an admin API key, all or nothing. */
  async createWithAdmin(input: { name: string; adminEmail: string }): Promise<CreatedTenant> {
    const name = input.name.trim();
    const email = normalizeEmail(input.adminEmail);
    if (name.length < 1 || name.length > 200) throw badUserInput('tenant name must be 1-200 characters');
    if (!email) throw badUserInput('admin email is not a valid address');
    return this.orm.em.fork().transactional(async (em) => {
      const tenant = em.create(TenantSchema, { id: randomUUID(), name, createdAt: new Date() });
      // Entities are declared without relations, so MikroORM cannot order inserts by foreign key: flush parents first.
      await em.flush();
      const user = em.create(UserSchema, { id: randomUUID(), tenantId: tenant.id, externalId: null, email, displayName: null, role: 'admin', createdAt: new Date() });
      await em.flush();
      const key = await this.apiKeys.create(tenant.id, user.id, { name: 'bootstrap admin key', role: 'admin' }, em);
      return { tenantId: tenant.id, userId: user.id, apiKey: key.apiKey };
    });
  }

  async findById(tenantId: string): Promise<Tenant | null> {
    return this.orm.em.fork().findOne(TenantSchema, { id: tenantId });
  }
}
