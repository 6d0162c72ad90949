import type { Config } from '../../../src/config/config';
import type { EncryptedColumn } from '../../../src/crypto/secret-rotation.service';
import type { SecretBox } from '../../../src/crypto/secret-box';
import type { Orm } from '../../../src/db/orm';
import { badUserInput } from '../../../src/errors/domain-errors';

export interface GoogleCalendarAppView {
  clientId: string;
  clientSecretConfigured: boolean;
  redirectUri: string;
  updatedAt: Date;
}

export interface GoogleOAuthClientCredentials {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

interface AppRow {
  client_id: string;
  client_secret: string;
  updated_at: Date;
}

const GOOGLE_CLIENT_ID = /^[A-Za-z0-9._-]{8,200}$/;
const secretContext = (tenantId: string) => `google_calendar_apps.client_secret:${tenantId}`;

/** Lets `secrets rotate` re-encrypt Google client secrets. */
export const googleCalendarAppSecretColumn: EncryptedColumn = {
  table: 'google_calendar_apps',
  idColumns: ['tenant_id'],
  column: 'client_secret',
  context: (row) => secretContext(row.tenant_id!),
};

export const googleCalendarRedirectUri = (config: Pick<Config, 'publicUrl'>) => `${config.publicUrl}/api/auth/google/calendar/callback`;

/** The tenant's own Google OAuth client (one per tenant). The secret is write-only. */
export class GoogleCalendarAppService {
  constructor(private readonly deps: { orm: Orm; secretBox: SecretBox; config: Config }) {}

  async configure(tenantId: string, actorId: string, input: { clientId: string; clientSecret: string }): Promise<GoogleCalendarAppView> {
    const clientId = input.clientId.trim();
    if (!GOOGLE_CLIENT_ID.test(clientId)) throw badUserInput('clientId must be the OAuth client ID from Google Cloud Console.', { field: 'clientId' });
    if (input.clientSecret.trim().length < 8 || input.clientSecret !== input.clientSecret.trim()) {
      throw badUserInput('clientSecret must be the OAuth client secret from Google Cloud Console.', { field: 'clientSecret' });
    }
    const sealed = this.deps.secretBox.encrypt(input.clientSecret, secretContext(tenantId));
    await this.deps.orm.em.fork().execute(
      `insert into google_calendar_apps (tenant_id, client_id, client_secret, updated_by, updated_at) values (?, ?, ?, ?, now())
       on conflict (tenant_id) do update set client_id = excluded.client_id, client_secret = excluded.client_secret,
         updated_by = excluded.updated_by, updated_at = now()`,
      [tenantId, clientId, sealed, actorId],
    );
    return (await this.view(tenantId))!;
  }

  async view(tenantId: string): Promise<GoogleCalendarAppView | null> {
    const row = await this.row(tenantId);
    return row && { clientId: row.client_id, clientSecretConfigured: true, redirectUri: googleCalendarRedirectUri(this.deps.config), updatedAt: row.updated_at };
  }

  /** Decrypted credentials for the OAuth client; undefined when the admin has not configured the app. */
  async credentials(tenantId: string): Promise<GoogleOAuthClientCredentials | undefined> {
    const row = await this.row(tenantId);
    if (!row) return undefined;
    return {
      clientId: row.client_id,
      clientSecret: this.deps.secretBox.decrypt(row.client_secret, secretContext(tenantId)),
      redirectUri: googleCalendarRedirectUri(this.deps.config),
    };
  }

  private async row(tenantId: string): Promise<AppRow | null> {
    const [row] = await this.deps.orm.em.fork().execute<AppRow[]>('select client_id, client_secret, updated_at from google_calendar_apps where tenant_id = ?', [
      tenantId,
    ]);
    return row ?? null;
  }
}
