import type { RequestContext } from '../auth/request-context';
import { forbidden } from '../errors/domain-errors';

export function requireAdmin(auth: RequestContext): void {
  if (auth.role !== 'admin') throw forbidden('This operation requires the admin role.');
}
