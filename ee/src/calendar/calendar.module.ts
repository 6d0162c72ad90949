import type { EditionModule } from '../../../src/edition/extension-registry';
import { StateSigner } from '../../../src/crypto/signed-state';
import type { ServiceDeps } from '../../../src/runtime/service-deps';
import { eeSdl } from '../ee-schema';
import { microsoftCalendarProviderEvidence } from './calendar-binding-evidence';
import { subscribeCalendarConsumerHooks } from './calendar-consumer-hooks';
import { CalendarProviderDeletion } from './calendar-provider-deletion';
import { CalendarProviderService } from './calendar-provider.service';
import { CalendarTokenManager } from './calendar-token-manager';
import { calendarTokensColumn, pendingGrantTokensColumn, webhookSecretColumn } from './calendar-tokens-secret';
import { calendarResolvers } from './calendar.resolvers';
import { GoogleCalendarAppService, googleCalendarAppSecretColumn } from './google-calendar-app.service';
import { CALENDAR_OAUTH_STATE_PURPOSE, CalendarAuthorizationService } from './oauth/calendar-authorization.service';
import { CalendarAuthorizationCompletion } from './oauth/calendar-authorization-completion';
import { calendarCallbackHandler } from './oauth/calendar-callback.routes';
import { googleWebhookHandler } from './webhooks/google-webhook.handler';
import { microsoftWebhookHandler } from './webhooks/microsoft-webhook.handler';
import { WebhookIntake } from './webhooks/webhook-intake';
import { EntryPushService } from './sync/entry-push.service';
import { ProviderSyncRunner } from './sync/provider-sync.runner';

export interface CalendarServices {
  providers: CalendarProviderService;
  googleApps: GoogleCalendarAppService;
  tokens: CalendarTokenManager;
  authorization: CalendarAuthorizationService;
  completion: CalendarAuthorizationCompletion;
  deletion: CalendarProviderDeletion;
  push: EntryPushService;
  runner: ProviderSyncRunner;
}

/** One set of calendar services per process (the token manager's in-flight refreshes must be shared). */
const servicesByDeps = new WeakMap<ServiceDeps, CalendarServices>();

export function calendarServices(deps: ServiceDeps): CalendarServices {
  let services = servicesByDeps.get(deps);
  if (!services) {
    const providers = new CalendarProviderService(deps);
    const googleApps = new GoogleCalendarAppService(deps);
    const tokens = new CalendarTokenManager({ ...deps, repository: providers.repository, googleApps });
    const signer = new StateSigner(deps.keyRing, { purpose: CALENDAR_OAUTH_STATE_PURPOSE });
    const authorization = new CalendarAuthorizationService({ ...deps, providers, googleApps, signer });
    const completion = new CalendarAuthorizationCompletion({ ...deps, providers, tokens });
    const deletion = new CalendarProviderDeletion({ ...deps, providers, tokens, googleApps });
    const push = new EntryPushService({ ...deps, providers: providers.repository, tokens });
    const runner = new ProviderSyncRunner({ ...deps, providers: providers.repository, tokens, push });
    services = { providers, googleApps, tokens, authorization, completion, deletion, push, runner };
    servicesByDeps.set(deps, services);
  }
  return services;
}

/** One webhook intake per app: its cache, insert batching and enqueue coalescing are shared by both receivers. */
const intakes = new WeakMap<ServiceDeps, WebhookIntake>();

function webhookIntake(deps: ServiceDeps): WebhookIntake {
  let intake = intakes.get(deps);
  if (!intake) intakes.set(deps, (intake = new WebhookIntake(deps)));
  return intake;
}

/** EE calendar: providers, OAuth connect, token lifecycle, webhook intake (the sync engine is calendar-sync.module). */
export const calendarModule: EditionModule = {
  name: 'ee.calendar',
  typeDefs: [eeSdl('calendar.graphql')],
  resolvers: (deps) => calendarResolvers({ config: deps.config, ...calendarServices(deps) }),
  stableRoutes: (deps) => {
    const { authorization } = calendarServices(deps);
    const intake = webhookIntake(deps);
    return {
      'calendar.google.callback': calendarCallbackHandler('google', authorization, deps.config.appUrl),
      'calendar.microsoft.callback': calendarCallbackHandler('microsoft', authorization, deps.config.appUrl),
      'calendar.google.webhook': googleWebhookHandler(intake, deps.config.appUrl),
      'calendar.microsoft.webhook': microsoftWebhookHandler(intake, deps.config.appUrl),
    };
  },
  // The intake's owner cache listens for changes while the app serves (and its connection closes with the app).
  routes: async (app, deps) => {
    const intake = webhookIntake(deps);
    await intake.start();
    app.addHook('onClose', () => intake.stop());
  },
  subscribe: (hooks) => subscribeCalendarConsumerHooks(hooks),
  bindingEvidence: [microsoftCalendarProviderEvidence],
  encryptedColumns: [calendarTokensColumn, webhookSecretColumn, pendingGrantTokensColumn, googleCalendarAppSecretColumn],
};
