import type { EditionModule } from '../../../../src/edition/extension-registry';
import type { ServiceDeps } from '../../../../src/runtime/service-deps';
import { eeSdl } from '../../ee-schema';
import { calendarServices } from '../calendar.module';
import { overlapChannelSecretColumn } from './webhook-channel.repository';
import { WebhookHealthRepository } from './webhook-maintenance.health';
import { webhookMaintenanceProcessor } from './webhook-maintenance.jobs';
import { registerWebhookMaintenanceMetrics } from './webhook-maintenance.metrics';
import { webhookMaintenanceResolvers } from './webhook-maintenance.resolvers';
import { ProcessLocks } from './process-locks';
import { WebhookMaintenanceService } from './webhook-maintenance.service';
import { WebhookSubscriptionService } from './webhook-subscription.service';

export interface WebhookMaintenanceServices {
  health: WebhookHealthRepository;
  subscriptions: WebhookSubscriptionService;
  maintenance: WebhookMaintenanceService;
}

const servicesByDeps = new WeakMap<ServiceDeps, WebhookMaintenanceServices>();

/** One set per process, on top of the calendar services (shared token manager). `clock` is for tests. */
export function webhookMaintenanceServices(deps: ServiceDeps, clock?: () => Date): WebhookMaintenanceServices {
  const cached = clock ? undefined : servicesByDeps.get(deps);
  if (cached) return cached;
  const { providers, tokens } = calendarServices(deps);
  const health = new WebhookHealthRepository();
  const subscriptions = new WebhookSubscriptionService({ ...deps, providers: providers.repository, tokens, health });
  // Without DATABASE_URL the database is the embedded PGlite, which cannot hold a lock transaction beside others.
  const processLocks = deps.config.database.url === undefined ? new ProcessLocks() : undefined;
  const maintenance = new WebhookMaintenanceService({ ...deps, providers: providers.repository, subscriptions, health, clock, processLocks });
  const services = { health, subscriptions, maintenance };
  if (!clock) servicesByDeps.set(deps, services);
  return services;
}

/** Keeps calendar webhooks alive (issue #11): the maintenance queue, webhook health in GraphQL, renewal metrics. */
export const webhookMaintenanceModule: EditionModule = {
  name: 'ee.calendar-webhook-maintenance',
  typeDefs: [eeSdl('calendar-webhook-maintenance.graphql')],
  resolvers: (deps) => {
    const { maintenance, health } = webhookMaintenanceServices(deps);
    const { providers } = calendarServices(deps);
    return webhookMaintenanceResolvers({ providers, maintenance, health: { orm: deps.orm, health } });
  },
  jobProcessors: (deps) => [
    webhookMaintenanceProcessor(webhookMaintenanceServices(deps).maintenance, deps.config.calendarWebhookMaintenance.intervalMs, deps.logger),
  ],
  metrics: (registry, deps) => registerWebhookMaintenanceMetrics(registry, deps.orm),
  encryptedColumns: [overlapChannelSecretColumn],
};
