// The simulator's control surface (in-process; the same operations are served over HTTP under /__control):
// seed tenants, apps, users, calendars and "provider side" changes; move the virtual clock; break tokens,
// delta state and subscriptions; inject faults; inspect what clients did.
import type { SimContext } from './context';
import { FaultSpec, addFault } from './faults';
import type { DeliveryAttempt } from './notifications';
import { renderInstance } from './event-render';
import { renderMessage, storeMessage } from './mail-teams.routes';
import {
  AppRegistration, DEFAULT_APPLICATION_PERMISSIONS, DEFAULT_DELEGATED_PERMISSIONS, DEFAULT_TENANT_ID, RequestLogEntry,
  SimCalendar, SimUser, TeamsApp, TeamsInstall, newChangeKey, newGuid, outlookId,
} from './state';
import { LifecycleEvent, isActive, sendLifecycle } from './subscriptions';

export interface RegisterAppInput {
  clientId: string; clientSecret: string; secretId?: string; tenantId?: string; redirectUris?: string[];
  /** What `.default` grants for delegated tokens (dynamic consent covers anything requested explicitly). */
  delegatedPermissions?: string[];
  /** Application permissions (roles) an app-only token carries. */
  applicationPermissions?: string[];
}
export interface CreateUserInput { email: string; displayName?: string; tenantId?: string }
export interface AddMessageInput { subject: string; body?: { contentType: string; content: string }; from?: string; receivedDateTime?: string; isRead?: boolean }
export interface SubscriptionView {
  id: string; applicationId: string; userId: string; resource: string; changeType: string; notificationUrl: string;
  lifecycleNotificationUrl: string | null; clientState: string | null; expirationDateTime: string; active: boolean; needsReauthorization: boolean;
}

export interface MicrosoftSimulatorControl {
  registerApp(input: RegisterAppInput): AppRegistration;
  createUser(input: CreateUserInput): SimUser;
  createCalendar(userEmail: string, input: { name: string }): SimCalendar;
  /** Creates an event as if the user did it in Outlook: changeKey, delta and subscriptions all see it. */
  seedEvent(userEmail: string, calendarId: string | null, event: Record<string, unknown>): Record<string, unknown>;
  updateEventAsProvider(userEmail: string, eventId: string, patch: Record<string, unknown>): Record<string, unknown>;
  deleteEventAsProvider(userEmail: string, eventId: string): void;
  advanceClock(seconds: number): void;
  now(): Date;
  expireAccessTokens(): void;
  revokeConsent(userEmail: string, clientId?: string): void;
  expireDeltaTokens(userEmail?: string): void;
  expireSubscription(id: string): void;
  sendLifecycleEvent(subscriptionId: string, event: LifecycleEvent): void;
  injectFault(spec: FaultSpec): string;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Outlook's concurrent request limit per app and mailbox (null = off, the default unless started with one). */
  setMailboxConcurrencyLimit(limit: number | null, retryAfterSeconds?: number): void;
  throttleSubscriptions(on: boolean): void;
  /** Every authorize request is answered with access_denied (AADSTS65004) while on. */
  denyAuthorization(on: boolean): void;
  /** POST /subscriptions answers 403 ExtensionError while on, as for tenants whose policy blocks subscriptions. */
  refuseSubscriptions(on: boolean): void;
  /** Each change is notified `count` times (Graph may send duplicates). */
  duplicateNotifications(count: number): void;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  reset(): void;
  flushNotifications(): Promise<void>;
  deliveryLog(): DeliveryAttempt[];
  subscriptions(): SubscriptionView[];
  /** Stored items (single instances, series masters, exceptions) rendered in UTC with extended properties. */
  events(userEmail: string): Record<string, unknown>[];
  /** A series' occurrences and exceptions overlapping [start, end) (cancelled ones left out), as /instances renders them. */
  instances(userEmail: string, masterId: string, start: string, end: string): Record<string, unknown>[];
  mailbox(userEmail: string): { inbox: Record<string, unknown>[]; sentItems: Record<string, unknown>[]; sentByClientIds: (string | undefined)[] };
  installedTeamsApps(): TeamsInstall[];
  teamsApps(): TeamsApp[];
  addMessage(userEmail: string, input: AddMessageInput): Record<string, unknown>;
}

const UTC = { zone: { iana: 'UTC', name: 'UTC' }, expandExtendedProperties: null };

export function createControl(sim: SimContext): MicrosoftSimulatorControl {
  const { state, store } = sim;
  const render = (userId: string, id: string): Record<string, unknown> => renderInstance(store.find(userId, id)!, UTC);
  return {
    registerApp(input) {
      const app: AppRegistration = {
        clientId: input.clientId, clientSecret: input.clientSecret, secretId: input.secretId, tenantId: input.tenantId ?? DEFAULT_TENANT_ID,
        redirectUris: input.redirectUris ?? [], delegatedPermissions: input.delegatedPermissions ?? DEFAULT_DELEGATED_PERMISSIONS,
        applicationPermissions: input.applicationPermissions ?? DEFAULT_APPLICATION_PERMISSIONS, servicePrincipalId: newGuid(),
      };
      state.apps.set(app.clientId, app);
      return app;
    },
    createUser(input) {
      if (state.userByEmail(input.email)) throw new Error(`microsoft simulator: user ${input.email} exists`);
      const user: SimUser = {
        id: newGuid(), email: input.email, displayName: input.displayName ?? input.email.split('@')[0], tenantId: input.tenantId ?? DEFAULT_TENANT_ID, defaultCalendarId: outlookId(),
      };
      state.users.set(user.id, user);
      state.calendars.set(user.defaultCalendarId, { id: user.defaultCalendarId, userId: user.id, name: 'Calendar', isDefault: true, changeKey: newChangeKey(), color: 'auto' });
      return user;
    },
    createCalendar(userEmail, input) {
      const calendar: SimCalendar = { id: outlookId(), userId: state.requireUser(userEmail).id, name: input.name, isDefault: false, changeKey: newChangeKey(), color: 'auto' };
      state.calendars.set(calendar.id, calendar);
      return calendar;
    },
    seedEvent(userEmail, calendarId, event) {
      const user = state.requireUser(userEmail);
      const calendar = state.calendars.get(calendarId ?? user.defaultCalendarId);
      if (!calendar || calendar.userId !== user.id) throw new Error(`microsoft simulator: ${userEmail} has no calendar ${calendarId}`);
      return render(user.id, store.create(user.id, calendar.id, event).record.id);
    },
    updateEventAsProvider(userEmail, eventId, patch) {
      const user = state.requireUser(userEmail);
      return render(user.id, store.update(user.id, eventId, patch).id);
    },
    deleteEventAsProvider(userEmail, eventId) {
      store.delete(state.requireUser(userEmail).id, eventId);
    },
    advanceClock(seconds) {
      state.clockOffsetMs += seconds * 1000;
    },
    now: () => new Date(state.now()),
    expireAccessTokens() {
      for (const token of state.accessTokens.values()) token.expiresMs = Math.min(token.expiresMs, state.now() - 1);
    },
    revokeConsent(userEmail, clientId) {
      const user = state.requireUser(userEmail);
      for (const rt of state.refreshTokens.values()) if (rt.userId === user.id && (!clientId || rt.clientId === clientId)) rt.revoked = true;
      for (const key of [...state.consents.keys()]) if (key.startsWith(`${user.id}|`) && (!clientId || key.endsWith(`|${clientId}`))) state.consents.delete(key);
    },
    expireDeltaTokens(userEmail) {
      sim.delta.expire(userEmail ? state.requireUser(userEmail).id : undefined);
    },
    expireSubscription(id) {
      const sub = state.subscriptions.get(id);
      if (!sub) throw new Error(`microsoft simulator: no subscription ${id}`);
      sub.expirationMs = state.now() - 1;
    },
    sendLifecycleEvent(subscriptionId, event) {
      const sub = state.subscriptions.get(subscriptionId);
      if (!sub) throw new Error(`microsoft simulator: no subscription ${subscriptionId}`);
      sendLifecycle(sim, sub, event);
    },
    injectFault: (spec) => addFault(state, spec),
    clearFaults: () => void (state.faults = []),
    setLatency: (ms) => void (state.latencyMs = ms),
    setMailboxConcurrencyLimit: (limit, retryAfterSeconds) => sim.mailboxConcurrency.configure(limit, retryAfterSeconds),
    throttleSubscriptions: (on) => void (sim.notifier.throttled = on),
    denyAuthorization: (on) => void (state.denyAuthorization = on),
    refuseSubscriptions: (on) => void (state.refuseSubscriptions = on),
    duplicateNotifications: (count) => void (state.duplicateNotifications = Math.max(1, count)),
    requestLog: () => state.requestLog.slice(),
    clearRequestLog: () => void (state.requestLog = []),
    reset() {
      state.reset();
      sim.delta.reset();
      sim.notifier.reset();
      sim.mailboxConcurrency.reset();
    },
    flushNotifications: () => sim.notifier.idle(),
    deliveryLog: () => sim.notifier.attempts.slice(),
    subscriptions: () => [...state.subscriptions.values()].map((s) => ({
      id: s.id, applicationId: s.applicationId, userId: s.userId, resource: s.resource, changeType: s.changeTypes.join(','),
      notificationUrl: s.notificationUrl, lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null, clientState: s.clientState ?? null,
      expirationDateTime: new Date(s.expirationMs).toISOString(), active: isActive(sim, s), needsReauthorization: s.needsReauthorization,
    })),
    events(userEmail) {
      const user = state.requireUser(userEmail);
      return state.eventsOf(user.id).map((e) => ({ ...render(user.id, e.id), calendarId: e.calendarId }));
    },
    instances(userEmail, masterId, start, end) {
      const user = state.requireUser(userEmail);
      const master = store.find(user.id, masterId);
      if (!master || master.type !== 'seriesMaster') throw new Error(`microsoft simulator: ${masterId} is not a series master`);
      return store.seriesInstances(master.record, Date.parse(start), Date.parse(end)).map((i) => renderInstance(i, UTC));
    },
    mailbox(userEmail) {
      const user = state.requireUser(userEmail);
      const own = state.messages.filter((m) => m.userId === user.id);
      return {
        inbox: own.filter((m) => m.folder === 'inbox').map(renderMessage),
        sentItems: own.filter((m) => m.folder === 'sentitems').map(renderMessage),
        sentByClientIds: own.filter((m) => m.folder === 'sentitems').map((m) => m.sentByClientId),
      };
    },
    installedTeamsApps: () => state.teamsInstalls.slice(),
    teamsApps: () => state.teamsApps.slice(),
    addMessage(userEmail, input) {
      const user = state.requireUser(userEmail);
      const receivedMs = input.receivedDateTime ? Date.parse(input.receivedDateTime) : undefined;
      return renderMessage(storeMessage(state, user, 'inbox', { ...input, receivedMs }));
    },
  };
}
