import type { Orm } from '../db/orm';

export interface LoginStateRow {
  tenantId: string;
  profileId: string;
  loginHint: string | null;
}

export interface LoginStateStatus {
  consumed: boolean;
  expired: boolean;
}

/**
 * `msp_sso_login_states`: the server half of a login state. The signed token carries only the nonce and tenant;
 * this row makes it single use. Expiry is judged by the database clock, the same one `consume` uses.
 */
export class LoginStateRepository {
  constructor(private readonly orm: Orm) {}

  async insert(row: LoginStateRow & { nonce: string; ttlSeconds: number }): Promise<void> {
    await this.execute(
      `insert into msp_sso_login_states (nonce, tenant_id, profile_id, login_hint, expires_at)
       values (?, ?, ?, ?, now() + make_interval(secs => ?))`,
      [row.nonce, row.tenantId, row.profileId, row.loginHint, row.ttlSeconds],
    );
  }

  /** Marks the state used, atomically: of two concurrent callbacks with the same state exactly one gets the row. */
  async consume(nonce: string, tenantId: string): Promise<LoginStateRow | undefined> {
    const [row] = await this.execute<{ tenant_id: string; profile_id: string; login_hint: string | null }>(
      `update msp_sso_login_states set consumed_at = now()
       where nonce = ? and tenant_id = ? and consumed_at is null and expires_at > now()
       returning tenant_id, profile_id, login_hint`,
      [nonce, tenantId],
    );
    return row && { tenantId: row.tenant_id, profileId: row.profile_id, loginHint: row.login_hint };
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
