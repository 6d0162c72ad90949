import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm } from '../db/orm';

export type LoginDomainStatus = 'pending' | 'verified';

export interface LoginDomain {
  id: string;
  tenantId: string;
  domain: string;
  isActive: boolean;
  status: LoginDomainStatus;
  /** Published by the admin as `_switchboard-msp-sso.<domain>` TXT; public by design, so not encrypted. */
  verificationToken: string;
  verifiedAt: Date | null;
  createdAt: Date;
}

interface LoginDomainRow {
  id: string;
  tenant_id: string;
  domain: string;
  is_active: boolean;
  status: LoginDomainStatus;
  verification_token: string;
  verified_at: string | Date | null;
  created_at: string | Date;
}

const COLUMNS = 'id, tenant_id, domain, is_active, status, verification_token, verified_at, created_at';

/**
 * SQL for `msp_sso_tenant_login_domains` (hand-written: the verification race is decided by a partial unique
 * index the ORM cannot express). A claim is unique per (tenant, domain); a domain is `verified` for at most one
 * tenant. Every tenant-facing statement filters on tenant_id.
 */
export class LoginDomainRepository {
  constructor(private readonly orm: Orm) {}

  async listByTenant(tenantId: string): Promise<LoginDomain[]> {
    return this.query(`select ${COLUMNS} from msp_sso_tenant_login_domains where tenant_id = ? order by domain`, [tenantId]);
  }

  async findOwned(tenantId: string, id: string): Promise<LoginDomain | undefined> {
    const [row] = await this.query(`select ${COLUMNS} from msp_sso_tenant_login_domains where tenant_id = ? and id = ?`, [tenantId, id]);
    return row;
  }

  /** The tenant's claim on `domain`: created pending, or the existing one re-activated (its token kept, so a published record stays valid). */
  async upsertClaim(row: { id: string; tenantId: string; domain: string; createdBy: string; verificationToken: string }): Promise<LoginDomain> {
    const [claim] = await this.query(
      `insert into msp_sso_tenant_login_domains (id, tenant_id, domain, created_by, status, verification_token) values (?, ?, ?, ?, 'pending', ?)
       on conflict (tenant_id, domain) do update set is_active = true returning ${COLUMNS}`,
      [row.id, row.tenantId, row.domain, row.createdBy, row.verificationToken],
    );
    return claim!;
  }

  /**
   * pending → verified. `taken` when another tenant holds the domain verified: the partial unique index makes the
   * second of two racing verifications fail. undefined when the row is gone or already verified.
   */
  async markVerified(tenantId: string, id: string): Promise<LoginDomain | 'taken' | undefined> {
    try {
      const [updated] = await this.query(
        `update msp_sso_tenant_login_domains set status = 'verified', verified_at = now()
         where tenant_id = ? and id = ? and status = 'pending' returning ${COLUMNS}`,
        [tenantId, id],
      );
      return updated;
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async deleteOwned(tenantId: string, id: string): Promise<boolean> {
    const rows = await this.query(`delete from msp_sso_tenant_login_domains where tenant_id = ? and id = ? returning ${COLUMNS}`, [tenantId, id]);
    return rows.length > 0;
  }

  /**
   * The one lookup that is not tenant-scoped: pre-authentication discovery has only the email's domain, and the
   * verified claim on it (at most one) is what names the tenant. Pending claims never route.
   */
  async findVerifiedByDomain(domain: string): Promise<Pick<LoginDomain, 'tenantId' | 'isActive'> | undefined> {
    const [row] = await this.query(`select ${COLUMNS} from msp_sso_tenant_login_domains where domain = ? and status = 'verified'`, [domain]);
    return row && { tenantId: row.tenantId, isActive: row.isActive };
  }

  private async query(sql: string, params: unknown[]): Promise<LoginDomain[]> {
    const rows = await this.orm.em.fork().getConnection().execute<LoginDomainRow[]>(sql, params);
    return rows.map(toLoginDomain);
  }
}

/** Raw statements surface the driver's error (SQLSTATE 23505) rather than always MikroORM's converted class. */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException || (error as { code?: unknown }).code === '23505';
}

function toLoginDomain(row: LoginDomainRow): LoginDomain {
  // MikroORM's pg driver hands timestamps back as strings.
  return {
    id: row.id,
    tenantId: row.tenant_id,
    domain: row.domain,
    isActive: row.is_active,
    status: row.status,
    verificationToken: row.verification_token,
    verifiedAt: row.verified_at === null ? null : new Date(row.verified_at),
    createdAt: new Date(row.created_at),
  };
}
