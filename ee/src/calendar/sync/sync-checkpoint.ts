import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangePage, SyncWindow } from '../adapters/calendar-adapter';

/** A full listing in progress: what its diff needs at the end, however many workers it took to get there. */
export interface FullListing {
  id: string;
  /** Database clock: mappings made after this are not judged by this listing. */
  startedAt: Date;
  window: SyncWindow | null;
}

/** Where an unfinished round resumes: the next page, and the full listing it belongs to (if it is one). */
export interface SyncCheckpoint {
  page: string;
  listing: FullListing | null;
}

interface StoredCheckpoint {
  page: string;
  listing: { id: string; startedAt: string; window: { start: string; end: string } | null } | null;
}

/** The checkpoint stored on the provider row, or null when there is none (or it is unreadable: start over). */
export function readCheckpoint(stored: unknown): SyncCheckpoint | null {
  const value = (typeof stored === 'string' ? JSON.parse(stored) : stored) as StoredCheckpoint | null;
  if (!value || typeof value.page !== 'string') return null;
  const listing = value.listing;
  return {
    page: value.page,
    listing: listing
      ? {
          id: listing.id,
          startedAt: new Date(listing.startedAt),
          window: listing.window ? { start: new Date(listing.window.start), end: new Date(listing.window.end) } : null,
        }
      : null,
  };
}

/** The listing a page belongs to: a new one when the page starts a full round, else the one being resumed. */
export function listingFor(page: ChangePage, resumed: FullListing | null, newListing: () => FullListing): FullListing | null {
  if (!page.startsRound) return resumed;
  return page.fullListing ? { ...newListing(), window: page.window } : null;
}

export class SyncCheckpointRepository {
  async save(em: EntityManager, tenantId: string, providerId: string, checkpoint: SyncCheckpoint): Promise<void> {
    await em.execute('update calendar_providers set sync_checkpoint = ?::jsonb where tenant_id = ? and id = ?', [
      JSON.stringify(checkpoint),
      tenantId,
      providerId,
    ]);
  }
}
