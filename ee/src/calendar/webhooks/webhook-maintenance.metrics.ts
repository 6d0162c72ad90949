import { Gauge, type Registry } from 'prom-client';
import type { Orm } from '../../../../src/db/orm';

/** Renewal outcomes read from calendar_webhook_health on scrape: worker processes do the renewing. */
export function registerWebhookMaintenanceMetrics(registry: Registry, orm: Orm): void {
  new Gauge({
    name: 'calendar_webhook_renewals',
    help: 'Calendar webhook creations and renewals by provider type and outcome (ok, failed), since the providers were connected',
    labelNames: ['provider_type', 'outcome'],
    registers: [registry],
    async collect() {
      const rows = await orm.em
        .fork()
        .execute<Array<{ provider_type: string; ok: string; failed: string }>>(
          `select p.provider_type, coalesce(sum(h.renewals_ok), 0) as ok, coalesce(sum(h.renewals_failed), 0) as failed
             from calendar_webhook_health h join calendar_providers p on p.id = h.provider_id group by p.provider_type`,
        )
        .catch(() => null);
      this.reset();
      for (const row of rows ?? []) {
        this.set({ provider_type: row.provider_type, outcome: 'ok' }, Number(row.ok));
        this.set({ provider_type: row.provider_type, outcome: 'failed' }, Number(row.failed));
      }
    },
  });
}
