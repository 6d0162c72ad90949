import type { EntityManager } from '@mikro-orm/postgresql';
import type { MicrosoftConsumer } from '../edition/matrix';

/** One proof that a tenant used `consumer` before bindings existed (DESIGN.md §4.6). */
export interface BindingEvidence {
  tenantId: string;
  /** Names the proving row (`table:key`), so an operator can check the report; never a secret. */
  evidence: string;
}

/**
 * Where proof for one consumer comes from. Sources are registered per edition (`EditionModule.bindingEvidence`),
 * so a table that exists only in one edition is read only by a source that edition registered.
 */
export interface BindingEvidenceSource {
  consumer: MicrosoftConsumer;
  /** At most one proof per tenant, read only; limited to `tenantId` when given. */
  findEvidence(em: EntityManager, tenantId?: string): Promise<BindingEvidence[]>;
}

/**
 * Runs a `select distinct on (tenant_id) tenant_id, proof ...` whose only parameter is the optional tenant id,
 * bound twice for the `(? is null or tenant_id = ?)` filter, and turns its rows into evidence.
 */
export async function queryEvidence(em: EntityManager, sql: string, table: string, tenantId?: string): Promise<BindingEvidence[]> {
  const filter = tenantId ?? null;
  const rows = await em.execute<Array<{ tenant_id: string; proof: string }>>(sql, [filter, filter]);
  return rows.map((row) => ({ tenantId: row.tenant_id, evidence: `${table}:${row.proof}` }));
}

export const mspSsoLoginDomainEvidence: BindingEvidenceSource = {
  consumer: 'msp_sso',
  findEvidence: (em, tenantId) =>
    queryEvidence(
      em,
      `select distinct on (tenant_id) tenant_id, domain as proof from msp_sso_tenant_login_domains
       where is_active and (?::uuid is null or tenant_id = ?::uuid) order by tenant_id, domain`,
      'msp_sso_tenant_login_domains',
      tenantId,
    ),
};

/** `email_providers` is a CE table, but `email` is an EE consumer: the matrix keeps this source idle in CE. */
export const microsoftEmailProviderEvidence: BindingEvidenceSource = {
  consumer: 'email',
  findEvidence: (em, tenantId) =>
    queryEvidence(
      em,
      `select distinct on (tenant_id) tenant_id, id::text as proof from email_providers
       where provider_type = 'microsoft' and (?::uuid is null or tenant_id = ?::uuid)
       order by tenant_id, is_active desc, created_at, id`,
      'email_providers',
      tenantId,
    ),
};
