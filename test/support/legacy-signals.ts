import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../src/crypto/secret-box';
import { tenantSecretContext } from '../../src/microsoft/legacy-credentials';
import { profileSecretContext } from '../../src/microsoft/profile-secret';
import { queryDatabase } from './test-database';

export interface BindingRow {
  consumer: string;
  profile_id: string;
  created_by: string;
  updated_by: string;
}

/**
 * Seeds the rows legacy materialization reads, straight in SQL: these tables model a pre-binding past that no
 * current API writes. Shared by the CE suite and ee/test.
 */
export class LegacySignals {
  constructor(
    private readonly url: string,
    private readonly secretBox: SecretBox,
  ) {}

  private sql<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    return queryDatabase<T>(this.url, sql, params);
  }

  async tenant(): Promise<string> {
    const id = randomUUID();
    await this.sql('insert into tenants (id, name) values ($1, $2)', [id, `Legacy ${id.slice(0, 8)}`]);
    return id;
  }

  async profile(tenantId: string, options: { clientId?: string; archived?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await this.sql(
      `insert into microsoft_profiles (id, tenant_id, display_name, client_id, tenant_authority, client_secret, is_archived, archived_at)
       values ($1, $2, $3, $4, $5, $6, $7, case when $7 then now() end)`,
      [
        id,
        tenantId,
        `Profile ${id.slice(0, 8)}`,
        options.clientId ?? randomUUID(),
        randomUUID(),
        this.secretBox.encrypt(`secret-${id}`, profileSecretContext(id)),
        options.archived ?? false,
      ],
    );
    return id;
  }

  async loginDomain(tenantId: string, options: { active?: boolean } = {}): Promise<string> {
    const domain = `d${randomUUID().slice(0, 8)}.example`;
    await this.sql('insert into msp_sso_tenant_login_domains (id, tenant_id, domain, is_active, created_by) values ($1, $2, $3, $4, $5)', [
      randomUUID(),
      tenantId,
      domain,
      options.active ?? true,
      'legacy',
    ]);
    return domain;
  }

  /** A mirrored legacy credential, stored as plaintext or as an envelope like the legacy writer did. */
  async tenantSecret(tenantId: string, name: string, value: string, options: { encrypted?: boolean } = {}): Promise<void> {
    const stored = options.encrypted ? this.secretBox.encrypt(value, tenantSecretContext(tenantId, name)) : value;
    await this.sql('insert into tenant_secrets (tenant_id, name, value) values ($1, $2, $3)', [tenantId, name, stored]);
  }

  async emailProvider(tenantId: string, providerType: 'microsoft' | 'google' | 'smtp'): Promise<string> {
    const id = randomUUID();
    await this.sql('insert into email_providers (id, tenant_id, provider_type, mailbox) values ($1, $2, $3, $4)', [id, tenantId, providerType, `ops@${id.slice(0, 8)}.example`]);
    return id;
  }

  /** EE table: only in an enterprise database. */
  async calendarProvider(tenantId: string, providerType: 'microsoft' | 'google'): Promise<string> {
    const id = randomUUID();
    await this.sql('insert into calendar_providers (id, tenant_id, owner_user_id, name, provider_type) values ($1, $2, $3, $4, $5)', [id, tenantId, 'u1', 'Calendar', providerType]);
    return id;
  }

  async bind(tenantId: string, consumer: string, profileId: string, actor = 'admin-user'): Promise<void> {
    await this.sql('insert into microsoft_profile_consumer_bindings (tenant_id, consumer, profile_id, created_by, updated_by) values ($1, $2, $3, $4, $4)', [
      tenantId,
      consumer,
      profileId,
      actor,
    ]);
  }

  bindings(tenantId: string): Promise<BindingRow[]> {
    return this.sql<BindingRow>(
      'select consumer, profile_id, created_by, updated_by from microsoft_profile_consumer_bindings where tenant_id = $1 order by consumer',
      [tenantId],
    );
  }
}
