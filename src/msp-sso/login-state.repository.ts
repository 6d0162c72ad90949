import type { Orm } from '../db/orm';

export interface LoginStateRow {
  tenantId: string;
  profileId: string;
  loginHint: string | null;
  /** sha256 of the PSA's browser-session nonce; null only on rows from before nonces (they cannot complete). */
  browserNonceHash: string | null;
  /** Secret-box envelope of the PKCE code verifier. */
  codeVerifier: string | null;
}

interface StateRow {
  tenant_id: string;
  profile_id: string;
  login_hint: string | null;
  browser_nonce_hash: string | null;
  code_verifier: string | null;
}

export interface LoginStateStatus {
  consumed: boolean;
  expired: boolean;
}

/**
 * `msp_sso_login_states`: the server half of a login state. The signed token carries only the nonce and tenant;
 * this row makes it single use and holds what must not travel through the browser (the PKCE verifier). Expiry
 * is judged by the database clock, the same one `consume` uses.
 */
export class LoginStateRepository {
  constructor(private readonly orm: Orm) {}

  async insert(row: LoginStateRow & { nonce: string; ttlSeconds: number }): Promise<void> {
    await this.execute(
      `insert into msp_sso_login_states (nonce, tenant_id, profile_id, login_hint, browser_nonce_hash, code_verifier, expires_at)
       values (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))`,
      [row.nonce, row.tenantId, row.profileId, row.loginHint, row.browserNonceHash, row.codeVerifier, row.ttlSeconds],
    );
  }

  /** Marks the state used, atomically: of two concurrent callbacks with the same state exactly one gets the row. */
  async consume(nonce: string, tenantId: string): Promise<LoginStateRow | undefined> {
    const [row] = await this.execute<StateRow>(
      `update msp_sso_login_states set consumed_at = now()
       where nonce = ? and tenant_id = ? and consumed_at is null and expires_at > now()
       returning tenant_id, profile_id, login_hint, browser_nonce_hash, code_verifier`,
      [nonce, tenantId],
    );
    return (
      row && {
        tenantId: row.tenant_id,
        profileId: row.profile_id,
        loginHint: row.login_hint,
        browserNonceHash: row.browser_nonce_hash,
        codeVerifier: row.code_verifier,
      }
    );
  }

  /** Why `consume` found nothing (undefined = no such state for this tenant). */
  async status(nonce: string, tenantId: string): Promise<LoginStateStatus | undefined> {
    const [row] = await this.execute<{ consumed: boolean; expired: boolean }>(
      `select consumed_at is not null as consumed, expires_at <= now() as expired
       from msp_sso_login_states where nonce = ? and tenant_id = ?`,
      [nonce, tenantId],
    );
    return row;
  }

  /** Bounded cleanup of long-dead states (kept a day past expiry so replays still read as "replayed"). */
  async purgeExpired(limit = 100): Promise<number> {
    const rows = await this.execute(
      `delete from msp_sso_login_states where nonce in (
         select nonce from msp_sso_login_states where expires_at < now() - interval '1 day' limit ?)
       returning nonce`,
      [limit],
    );
    return rows.length;
  }

  private execute<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    return this.orm.em.fork().getConnection().execute<T[]>(sql, params);
  }
}
