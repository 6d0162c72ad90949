import type { EncryptedColumn } from '../../../src/crypto/secret-rotation.service';

/** Additional data binding a provider's encrypted tokens to its row: copied ciphertext does not decrypt. */
export const calendarTokensContext = (providerId: string) => `calendar_providers.encrypted_tokens:${providerId}`;

/** Lets `secrets rotate` re-encrypt provider tokens (OAuth tokens / serialized MSAL cache) with the active key. */
export const calendarTokensColumn: EncryptedColumn = {
  table: 'calendar_providers',
  idColumns: ['id'],
  column: 'encrypted_tokens',
  context: (row) => calendarTokensContext(row.id!),
};

/** The webhook verification secret (Google channel token / Graph clientState) is stored encrypted too. */
export const webhookSecretContext = (providerId: string) => `calendar_providers.webhook_client_state:${providerId}`;

export const webhookSecretColumn: EncryptedColumn = {
  table: 'calendar_providers',
  idColumns: ['id'],
  column: 'webhook_client_state',
  context: (row) => webhookSecretContext(row.id!),
};

/** Tokens parked between the OAuth callback and completeCalendarAuthorization, bound to their pending-grant row. */
export const pendingGrantTokensContext = (grantId: string) => `calendar_pending_grants.encrypted_tokens:${grantId}`;

export const pendingGrantTokensColumn: EncryptedColumn = {
  table: 'calendar_pending_grants',
  idColumns: ['id'],
  column: 'encrypted_tokens',
  context: (row) => pendingGrantTokensContext(row.id!),
};
