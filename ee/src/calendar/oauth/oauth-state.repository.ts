import type { EntityManager } from '@mikro-orm/postgresql';

export interface ConsumedOAuthState {
  tenantId: string;
  userId: string;
  providerId: string;
  microsoftProfileId: string | null;
  codeVerifier: string;
}

/** oauth_states: one row per started authorization; consuming it is the single-use guarantee. */
export class OAuthStateRepository {
  async insert(em: EntityManager, row: ConsumedOAuthState & { nonce: string; expiresAt: Date }): Promise<void> {
    await em.execute(
      'insert into oauth_states (nonce, tenant_id, user_id, provider_id, microsoft_profile_id, code_verifier, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
      [row.nonce, row.tenantId, row.userId, row.providerId, row.microsoftProfileId, row.codeVerifier, row.expiresAt],
    );
  }

  /** Atomically marks the state used; null when unknown, expired or already used (replay). */
  async consume(em: EntityManager, nonce: string): Promise<ConsumedOAuthState | null> {
    const [row] = await em.execute<
      Array<{ tenant_id: string; user_id: string; provider_id: string; microsoft_profile_id: string | null; code_verifier: string }>
    >(
      `update oauth_states set consumed_at = now()
       where nonce = ? and consumed_at is null and expires_at > now()
       returning tenant_id, user_id, provider_id, microsoft_profile_id, code_verifier`,
      [nonce],
    );
    return row
      ? {
          tenantId: row.tenant_id,
          userId: row.user_id,
          providerId: row.provider_id,
          microsoftProfileId: row.microsoft_profile_id,
          codeVerifier: row.code_verifier,
        }
      : null;
  }

  /** Bounded cleanup of long-dead states (kept a day past expiry so a late replay still reads as "used"). */
  async purgeExpired(em: EntityManager, limit = 100): Promise<void> {
    await em.execute(
      `delete from oauth_states where nonce in (
         select nonce from oauth_states where expires_at < now() - interval '1 day' limit ?)`,
      [limit],
    );
  }
}
