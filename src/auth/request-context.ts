export const ROLES = ['admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: reaches every service so each query can be tenant-scoped. */
export interface RequestContext {
  tenantId: string;
  userId: string;
  role: Role;
  /** How the caller proved it (`system`: a background job acting for the tenant): for audit logs, never for authorization. */
  via: 'api_key' | 'jwt' | 'system';
  /** The integration acting (e.g. `calendar:<providerId>`): recorded on domain events, never used for authorization. */
  origin?: string;
}

/** A credential never outranks the user it acts for. */
export function lowerRole(a: Role, b: Role): Role {
  return a === 'admin' && b === 'admin' ? 'admin' : 'user';
}
