import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarProviderType } from '../adapters/calendar-adapter';

export interface InboxEntry {
  tenantId: string;
  providerId: string;
  providerType: CalendarProviderType;
  /** e.g. `google.exists`, `microsoft.change`, `microsoft.lifecycle.missed`. */
  kind: string;
  payload: Record<string, unknown>;
}

/** webhook_inbox: notifications are persisted before they are acknowledged, so none is lost on a crash. */
export class WebhookInboxRepository {
  async insert(em: EntityManager, entry: InboxEntry): Promise<string> {
    const id = randomUUID();
    await em.execute('insert into webhook_inbox (id, tenant_id, provider_id, provider_type, kind, payload) values (?, ?, ?, ?, ?, ?)', [
      id,
      entry.tenantId,
      entry.providerId,
      entry.providerType,
      entry.kind,
      JSON.stringify(entry.payload),
    ]);
    return id;
  }
}
