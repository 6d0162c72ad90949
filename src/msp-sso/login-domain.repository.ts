import type { Orm } from '../db/orm';

export interface LoginDomain {
  id: string;
  tenantId: string;
  domain: string;
  isActive: boolean;
  createdAt: Date;
}

interface LoginDomainRow {
  id: string;
  tenant_id: string;
  domain: string;
  is_active: boolean;
  created_at: string | Date;
}

const COLUMNS = 'id, tenant_id, domain, is_active, created_at';

/** SQL for `msp_sso_tenant_login_domains`. Every tenant-facing statement filters on tenant_id. */
export class LoginDomainRepository {
  constructor(private readonly orm: Orm) {}

  async listByTenant(tenantId: string): Promise<LoginDomain[]> {
    return this.query(`select ${COLUMNS} from msp_sso_tenant_login_domains where tenant_id = ? order by domain`, [tenantId]);
  }

  /** Inserts unless the domain is taken (by anyone): the unique index decides, so two racing claims cannot both win. */
  async insertIfUnclaimed(row: { id: string; tenantId: string; domain: string; createdBy: string }): Promise<LoginDomain | undefined> {
    const [inserted] = await this.query(
      `insert into msp_sso_tenant_login_domains (id, tenant_id, domain, created_by) values (?, ?, ?, ?)
       on conflict (domain) do nothing returning ${COLUMNS}`,
      [row.id, row.tenantId, row.domain, row.createdBy],
    );
    return inserted;
  }

  /** Re-activates the tenant's own row for `domain`; undefined when the domain is not the tenant's. */
  async activateOwned(tenantId: string, domain: string): Promise<LoginDomain | undefined> {
    const [updated] = await this.query(
      `update msp_sso_tenant_login_domains set is_active = true where tenant_id = ? and domain = ? returning ${COLUMNS}`,
      [tenantId, domain],
    );
    return updated;
  }

  async deleteOwned(tenantId: string, id: string): Promise<boolean> {
    const rows = await this.query(`delete from msp_sso_tenant_login_domains where tenant_id = ? and id = ? returning ${COLUMNS}`, [tenantId, id]);
    return rows.length > 0;
  }

  /**
   * The one lookup that is not tenant-scoped: pre-authentication discovery has only the email's domain, and the
   * domain (unique) is what names the tenant.
   */
  async findByDomain(domain: string): Promise<Pick<LoginDomain, 'tenantId' | 'isActive'> | undefined> {
    const [row] = await this.query(`select ${COLUMNS} from msp_sso_tenant_login_domains where domain = ?`, [domain]);
    return row && { tenantId: row.tenantId, isActive: row.isActive };
  }

  private async query(sql: string, params: unknown[]): Promise<LoginDomain[]> {
    const rows = await this.orm.em.fork().getConnection().execute<LoginDomainRow[]>(sql, params);
    return rows.map(toLoginDomain);
  }
}

function toLoginDomain(row: LoginDomainRow): LoginDomain {
  // MikroORM's pg driver hands timestamps back as strings.
  return { id: row.id, tenantId: row.tenant_id, domain: row.domain, isActive: row.is_active, createdAt: new Date(row.created_at) };
}
