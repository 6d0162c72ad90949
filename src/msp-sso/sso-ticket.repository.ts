import { createHash } from 'node:crypto';
import type { Orm } from '../db/orm';

export interface MspSsoIdentity {
  tenantId: string;
  email: string;
  displayName: string | null;
  microsoftObjectId: string;
  microsoftTenantId: string;
}

interface TicketRow {
  tenant_id: string;
  email: string;
  display_name: string | null;
  microsoft_object_id: string;
  microsoft_tenant_id: string;
}

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/** msp_sso_tickets: stored by hash; redeeming is atomic and scoped to the redeeming tenant. */
export class SsoTicketRepository {
  constructor(private readonly orm: Orm) {}

  async insert(ticket: string, identity: MspSsoIdentity, ttlSeconds: number): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into msp_sso_tickets (ticket_hash, tenant_id, email, display_name, microsoft_object_id, microsoft_tenant_id, expires_at)
       values (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))`,
      [hashOf(ticket), identity.tenantId, identity.email, identity.displayName, identity.microsoftObjectId, identity.microsoftTenantId, ttlSeconds],
    );
  }

  async redeem(ticket: string, tenantId: string): Promise<MspSsoIdentity | undefined> {
    const [row] = await this.orm.em.fork().execute<TicketRow[]>(
      `update msp_sso_tickets set redeemed_at = now()
       where ticket_hash = ? and tenant_id = ? and redeemed_at is null and expires_at > now()
       returning tenant_id, email, display_name, microsoft_object_id, microsoft_tenant_id`,
      [hashOf(ticket), tenantId],
    );
    return (
      row && {
        tenantId: row.tenant_id,
        email: row.email,
        displayName: row.display_name,
        microsoftObjectId: row.microsoft_object_id,
        microsoftTenantId: row.microsoft_tenant_id,
      }
    );
  }

  /** Bounded cleanup; called on the sign-in path, so it never grows unbounded. */
  async purgeExpired(limit = 100): Promise<void> {
    await this.orm.em.fork().execute(
      `delete from msp_sso_tickets where ticket_hash in (
         select ticket_hash from msp_sso_tickets where expires_at < now() - interval '1 hour' limit ?)`,
      [limit],
    );
  }
}
