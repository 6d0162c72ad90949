import type { EditionModule } from '../../../../src/edition/extension-registry';
import { eeSdl } from '../../ee-schema';
import { calendarServices } from '../calendar.module';
import { webhookInboxProcessor } from './webhook-inbox.jobs';
import { registerWebhookInboxMetrics } from './webhook-inbox.metrics';
import { WebhookReplayService } from './webhook-inbox.replay.service';
import { webhookInboxResolvers } from './webhook-inbox.resolvers';
import { WebhookInboxRetention } from './webhook-inbox.retention';
import { WebhookInboxSweeper } from './webhook-inbox.sweeper';

/**
 * The webhook inbox after the ack: the sweeper (lost sync jobs), retention, admin replay and the intake metrics.
 * The receivers themselves are stable routes of the calendar module.
 */
export const webhookInboxModule: EditionModule = {
  name: 'ee.calendar-webhook-inbox',
  typeDefs: [eeSdl('calendar-webhook-inbox.graphql')],
  resolvers: (deps) => webhookInboxResolvers(new WebhookReplayService({ ...deps, providers: calendarServices(deps).providers })),
  jobProcessors: (deps) => {
    const { sweepIntervalMs, retentionMs } = deps.config.calendarWebhookInbox;
    const sweeper = new WebhookInboxSweeper({ ...deps, staleAfterMs: sweepIntervalMs });
    return [webhookInboxProcessor(sweeper, new WebhookInboxRetention({ ...deps, retentionMs }), sweepIntervalMs)];
  },
  metrics: (registry, deps) => registerWebhookInboxMetrics(registry, deps.orm),
};
