import { DomainError } from '../../../src/errors/domain-errors';
import { ProviderAuthError, ProviderRateLimitedError, ProviderUnavailableError } from './adapters/provider-errors';

/** For interactive calls (GraphQL): provider failures become errors a client can act on; others propagate. */
export async function withProviderErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProviderAuthError) {
      throw new DomainError('REAUTH_REQUIRED', `Re-authorize this calendar: ${error.message}`);
    }
    if (error instanceof ProviderRateLimitedError) {
      throw new DomainError('PROVIDER_UNAVAILABLE', 'The calendar provider is throttling requests; try again later.', { retryAfterMs: error.retryAfterMs });
    }
    if (error instanceof ProviderUnavailableError) {
      throw new DomainError('PROVIDER_UNAVAILABLE', 'The calendar provider is not answering; try again later.');
    }
    throw error;
  }
}
