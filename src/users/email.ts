const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are stored lower-cased and trimmed, so uniqueness per tenant is case-insensitive. */
export function normalizeEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : undefined;
}
