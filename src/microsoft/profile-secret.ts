/** Additional data binding an encrypted client secret to its profile row (a copied ciphertext won't decrypt). */
export const profileSecretContext = (profileId: string) => `microsoft_profiles.client_secret:${profileId}`;

/** Postgres NOTIFY channel: payload = tenant id whose profiles or bindings changed. */
export const MICROSOFT_CONFIG_CHANNEL = 'switchboard_microsoft_config';
