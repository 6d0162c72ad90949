import type { Orm } from '../../../src/db/orm';

export interface EmailProviderRecord {
  id: string;
  tenantId: string;
  providerType: 'microsoft' | 'google' | 'smtp';
  mailbox: string;
  isActive: boolean;
}

interface EmailProviderRow {
  id: string;
  tenant_id: string;
  provider_type: EmailProviderRecord['providerType'];
  mailbox: string;
  is_active: boolean;
}

const toRecord = (row: EmailProviderRow): EmailProviderRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  providerType: row.provider_type,
  mailbox: row.mailbox,
  isActive: row.is_active,
});

export class EmailProviderRepository {
  constructor(private readonly orm: Orm) {}

  async listByTenant(tenantId: string): Promise<EmailProviderRecord[]> {
    const rows = await this.orm.em
      .fork()
      .execute<EmailProviderRow[]>('select * from email_providers where tenant_id = ? order by created_at, id', [tenantId]);
    return rows.map(toRecord);
  }

  async findActiveMicrosoftMailbox(tenantId: string, mailbox: string): Promise<EmailProviderRecord | null> {
    const [row] = await this.orm.em
      .fork()
      .execute<EmailProviderRow[]>(
        "select * from email_providers where tenant_id = ? and provider_type = 'microsoft' and is_active and lower(mailbox) = lower(?)",
        [tenantId, mailbox],
      );
    return row ? toRecord(row) : null;
  }
}
