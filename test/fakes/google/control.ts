/** The in-process control API of the Google simulator (the same operations are served under /__control). */
import { generateEventId, renderEvent } from './event-model';
import type { EventStore } from './event-store';
import type { FaultInjector } from './faults';
import { seriesInstances } from './instances';
import { grantKey, type OAuthService } from './oauth.service';
import type { PushNotifier } from './push';
import { randomToken, type SimState } from './state';
import { isValidTimeZone } from './time';
import type {
  ChannelInfo, ConsentBehaviour, CreateCalendarInput, CreateUserInput, EventResource, FaultSpec, GoogleSimulatorControl,
  RegisterClientInput, RequestLogEntry, SimCalendarInfo, SimUser,
} from './types';

export interface ControlDeps {
  state: SimState;
  store: EventStore;
  push: PushNotifier;
  faults: FaultInjector;
  oauth: OAuthService;
}

function checkTimeZone(timeZone: string): string {
  if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone: ${timeZone}`);
  return timeZone;
}

export class SimulatorControl implements GoogleSimulatorControl {
  private userCounter = 0;

  constructor(private readonly deps: ControlDeps) {}

  registerClient(input: RegisterClientInput): void {
    if (!input.clientId || !input.clientSecret) throw new Error('registerClient: clientId and clientSecret are required');
    this.deps.state.clients.set(input.clientId, { ...input });
  }

  createUser(input: CreateUserInput): SimUser {
    const { state } = this.deps;
    if (!input.email?.includes('@')) throw new Error('createUser: a valid email is required');
    if (state.users.has(input.email)) throw new Error(`createUser: ${input.email} already exists`);
    const order = ++this.userCounter;
    const user = { id: `1080000000000000${String(order).padStart(5, '0')}`, email: input.email, name: input.name ?? input.email.split('@')[0], order };
    state.users.set(user.email, user);
    state.calendars.set(user.email, {
      id: user.email, ownerEmail: user.email, summary: user.email, timeZone: checkTimeZone(input.timeZone ?? 'UTC'),
      primary: true, resourceId: randomToken('', 20), syncEpoch: 0,
    });
    return { id: user.id, email: user.email, name: user.name };
  }

  createCalendar(email: string, input: CreateCalendarInput): SimCalendarInfo {
    const { state } = this.deps;
    if (!state.users.has(email)) throw new Error(`createCalendar: unknown user ${email}`);
    const cal = {
      id: `${generateEventId()}@group.calendar.google.com`, ownerEmail: email, summary: input.summary,
      timeZone: checkTimeZone(input.timeZone ?? state.calendars.get(email)!.timeZone), primary: false,
      resourceId: randomToken('', 20), syncEpoch: 0,
    };
    state.calendars.set(cal.id, cal);
    return { id: cal.id, ownerEmail: email, summary: cal.summary, timeZone: cal.timeZone, primary: false };
  }

  setConsentBehaviour(behaviour: ConsentBehaviour): void {
    this.deps.state.consentBehaviour = behaviour;
  }

  seedEvent(calendarId: string, eventBody: EventResource): EventResource {
    const cal = this.deps.store.calendar(calendarId);
    return renderEvent(this.deps.store.insert(calendarId, eventBody as Record<string, unknown>), cal, cal.timeZone);
  }

  updateEventAsProvider(calendarId: string, eventId: string, patch: EventResource): EventResource {
    const cal = this.deps.store.calendar(calendarId);
    return renderEvent(this.deps.store.patch(calendarId, eventId, patch as Record<string, unknown>), cal, cal.timeZone);
  }

  deleteEventAsProvider(calendarId: string, eventId: string): void {
    this.deps.store.delete(calendarId, eventId);
  }

  now(): number {
    return this.deps.state.now();
  }

  advanceClock(seconds: number): void {
    this.deps.state.clock.advance(seconds);
  }

  expireAccessTokens(): void {
    const now = this.deps.state.now();
    for (const token of this.deps.state.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  revokeRefreshTokens(email?: string): void {
    for (const rt of this.deps.state.refreshTokens.values()) if (!email || rt.email === email) rt.revoked = true;
  }

  revokeConsent(email: string, clientId?: string): void {
    for (const grant of [...this.deps.state.grants.values()]) {
      if (grant.email === email && (!clientId || grant.clientId === clientId)) this.deps.oauth.revokeGrant(grantKey(grant.email, grant.clientId));
    }
  }

  invalidateSyncTokens(calendarId?: string): void {
    for (const cal of this.deps.state.calendars.values()) if (!calendarId || cal.id === calendarId) cal.syncEpoch++;
  }

  injectFault(fault: FaultSpec): void {
    this.deps.faults.inject(fault);
  }

  clearFaults(): void {
    this.deps.faults.clear();
  }

  setLatency(ms: number): void {
    this.deps.faults.setLatency(ms);
  }

  dropNextNotifications(n: number): void {
    this.deps.push.dropNext(n);
  }

  duplicateNextNotifications(n: number): void {
    this.deps.push.duplicateNext(n);
  }

  flushNotifications(): Promise<void> {
    return this.deps.push.flush();
  }

  requestLog(): RequestLogEntry[] {
    return this.deps.faults.requestLog();
  }

  clearRequestLog(): void {
    this.deps.faults.clearLog();
  }

  channels(): ChannelInfo[] {
    return this.deps.push.info();
  }

  events(calendarId: string): EventResource[] {
    const cal = this.deps.store.calendar(calendarId);
    return [...this.deps.state.calendarEvents(calendarId).values()].map((ev) => renderEvent(ev, cal, cal.timeZone));
  }

  instances(calendarId: string, eventId: string): EventResource[] {
    const cal = this.deps.store.calendar(calendarId);
    const master = this.deps.store.get(calendarId, eventId);
    return seriesInstances(this.deps.state, master, {}, cal.timeZone, false).map((ev) => renderEvent(ev, cal, cal.timeZone));
  }

  reset(): void {
    this.deps.state.reset();
    this.deps.push.reset();
    this.deps.faults.reset();
    this.userCounter = 0;
  }
}
