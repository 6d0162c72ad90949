import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Tokens between the OAuth callback and completeCalendarAuthorization, and who may complete them. */
export interface PendingGrant {
  id: string;
  tenantId: string;
  /** The user who called startCalendarAuthorization. */
  userId: string;
  providerId: string;
  microsoftProfileId: string | null;
  /** Secret-box envelope bound to this row (pendingGrantTokensContext). */
  encryptedTokens: string;
  accountId: string;
  accountEmail: string | null;
}

export interface GrantOwner {
  tenantId: string;
  userId: string;
}

/** Only the hash is stored: a database read does not hand out usable tickets. */
export const ticketHash = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

const SELECT = `select id, tenant_id as "tenantId", user_id as "userId", provider_id as "providerId",
  microsoft_profile_id as "microsoftProfileId", encrypted_tokens as "encryptedTokens", account_id as "accountId",
  account_email as "accountEmail" from calendar_pending_grants`;

/**
 * calendar_pending_grants (hand-written SQL like the other calendar tables). Every lookup is keyed by the ticket
 * hash AND the owner (tenant + user), so another user's or tenant's ticket is indistinguishable from none.
 */
export class PendingGrantRepository {
  /** The expiry comes from the database clock, the same one every lookup compares it with. */
  async insert(em: EntityManager, grant: PendingGrant & { ticket: string; ttlSeconds: number }): Promise<void> {
    await em.execute(
      `insert into calendar_pending_grants
         (id, ticket_hash, tenant_id, user_id, provider_id, microsoft_profile_id, encrypted_tokens, account_id, account_email, expires_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))`,
      [
        grant.id,
        ticketHash(grant.ticket),
        grant.tenantId,
        grant.userId,
        grant.providerId,
        grant.microsoftProfileId,
        grant.encryptedTokens,
        grant.accountId,
        grant.accountEmail,
        grant.ttlSeconds,
      ],
    );
  }

  /** Reads without consuming: lets the caller do provider-side work before the consuming transaction. */
  async findUsable(em: EntityManager, ticket: string, owner: GrantOwner): Promise<PendingGrant | null> {
    const [row] = await em.execute<PendingGrant[]>(`${SELECT} where ticket_hash = ? and tenant_id = ? and user_id = ? and expires_at > now()`, [
      ticketHash(ticket),
      owner.tenantId,
      owner.userId,
    ]);
    return row ?? null;
  }

  /**
   * The single-use guarantee: deleting the row is atomic, so of two concurrent completions exactly one gets
   * `true` (the other waits on the row lock, then finds nothing). Inside the caller's transaction, a rollback
   * brings the ticket back.
   */
  async consume(em: EntityManager, grantId: string, owner: GrantOwner): Promise<boolean> {
    const deleted = await em.execute<Array<{ id: string }>>(
      'delete from calendar_pending_grants where id = ? and tenant_id = ? and user_id = ? and expires_at > now() returning id',
      [grantId, owner.tenantId, owner.userId],
    );
    return deleted.length === 1;
  }

  /** Bounded cleanup of the tenant's expired grants, on the connect path: parked tokens do not linger. */
  async purgeExpired(em: EntityManager, tenantId: string, limit = 100): Promise<void> {
    await em.execute(
      `delete from calendar_pending_grants where tenant_id = ? and id in (
         select id from calendar_pending_grants where tenant_id = ? and expires_at <= now() limit ?)`,
      [tenantId, tenantId, limit],
    );
  }
}
