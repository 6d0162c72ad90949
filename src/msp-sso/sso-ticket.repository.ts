import { createHash } from 'node:crypto';
import type { Orm } from '../db/orm';

/** Who signed in: the id token's `tid` + `oid` are the identity; the username is informational. */
export interface MspSsoIdentity {
  tenantId: string;
  tid: string;
  oid: string;
  email: string;
  displayName: string | null;
  microsoftObjectId: string;
  microsoftTenantId: string;
}

export interface RedeemedTicket {
  identity: MspSsoIdentity;
  /** Hash of the browser-session nonce the sign-in started with; null on tickets from before nonces. */
  browserNonceHash: string | null;
}

interface TicketRow {
  tenant_id: string;
  email: string;
  display_name: string | null;
  microsoft_object_id: string;
  microsoft_tenant_id: string;
  browser_nonce_hash: string | null;
}

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/** msp_sso_tickets: stored by hash; redeeming is atomic and scoped to the redeeming tenant. */
export class SsoTicketRepository {
  constructor(private readonly orm: Orm) {}

  async insert(ticket: string, identity: Omit<MspSsoIdentity, 'microsoftObjectId' | 'microsoftTenantId'>, browserNonceHash: string, ttlSeconds: number): Promise<void> {
    await this.orm.em.fork().execute(
      `insert into msp_sso_tickets (ticket_hash, tenant_id, email, display_name, microsoft_object_id, microsoft_tenant_id, browser_nonce_hash, expires_at)
       values (?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))`,
      [hashOf(ticket), identity.tenantId, identity.email, identity.displayName, identity.oid, identity.tid, browserNonceHash, ttlSeconds],
    );
  }

  /** Uses the ticket up (of concurrent redeemers exactly one gets the row); the caller then checks the nonce. */
  async redeem(ticket: string, tenantId: string): Promise<RedeemedTicket | undefined> {
    const [row] = await this.orm.em.fork().execute<TicketRow[]>(
      `update msp_sso_tickets set redeemed_at = now()
       where ticket_hash = ? and tenant_id = ? and redeemed_at is null and expires_at > now()
       returning tenant_id, email, display_name, microsoft_object_id, microsoft_tenant_id, browser_nonce_hash`,
      [hashOf(ticket), tenantId],
    );
    if (!row) return undefined;
    const identity: MspSsoIdentity = {
      tenantId: row.tenant_id,
      tid: row.microsoft_tenant_id,
      oid: row.microsoft_object_id,
      email: row.email,
      displayName: row.display_name,
      microsoftObjectId: row.microsoft_object_id,
      microsoftTenantId: row.microsoft_tenant_id,
    };
    return { identity, browserNonceHash: row.browser_nonce_hash };
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
