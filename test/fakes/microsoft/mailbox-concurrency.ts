// Outlook's per-app, per-mailbox concurrency limit (learn.microsoft.com/graph/throttling-limits, Outlook service
// limits: 4 concurrent requests per app per mailbox). A request that would exceed it answers 429
// `ApplicationThrottled` "Application is over its MailboxConcurrency limit." (the text Exchange Online sends) with
// Retry-After. Off unless the simulator is started or configured with a limit, so serial tests never see it.
import { Ctx, graphError, headerValue, splitPath } from './http';
import type { SimState } from './state';
import { checkBearer } from './tokens';

export interface MailboxConcurrencyOptions {
  /** Requests in flight allowed per (app registration, mailbox); null = unlimited. Outlook: 4. */
  limit: number | null;
  /** Seconds sent in Retry-After on the 429 (default 1). */
  retryAfterSeconds: number;
}

/** Outlook resources under `/me` or `/users/{id}`: the ones the mailbox limit applies to. */
const OUTLOOK_SEGMENTS = new Set(['events', 'calendar', 'calendars', 'calendarview', 'messages', 'mailfolders', 'sendmail']);

/** `clientId|mailboxUserId` of an Outlook request with a valid token, else null (auth errors are answered later). */
function mailboxKey(state: SimState, ctx: Ctx): string | null {
  const segments = splitPath(ctx.path);
  if (segments[0]?.toLowerCase() !== 'v1.0') return null;
  const first = segments[1]?.toLowerCase();
  if (first !== 'me' && first !== 'users') return null;
  const resource = (first === 'me' ? segments[2] : segments[3])?.toLowerCase();
  if (!resource || !OUTLOOK_SEGMENTS.has(resource)) return null;
  const check = checkBearer(state, headerValue(ctx, 'authorization'));
  if (!check.ok) return null;
  const mailbox = first === 'me' ? check.token.userId : state.userByIdOrUpn(segments[2])?.id;
  return mailbox ? `${check.token.clientId}|${mailbox}` : null;
}

export class MailboxConcurrency {
  private settings: MailboxConcurrencyOptions;
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly initial: MailboxConcurrencyOptions) {
    this.settings = { ...initial };
  }

  configure(limit: number | null, retryAfterSeconds?: number): void {
    this.settings = { limit, retryAfterSeconds: retryAfterSeconds ?? this.initial.retryAfterSeconds };
  }

  /** Back to the start options; requests still running keep their slot until they finish. */
  reset(): void {
    this.settings = { ...this.initial };
  }

  /** Takes a slot for the request until its response closes; answers the 429 itself (true) when none is free. */
  admit(state: SimState, ctx: Ctx): boolean {
    if (this.settings.limit === null) return false;
    const key = mailboxKey(state, ctx);
    if (!key) return false;
    const busy = this.inFlight.get(key) ?? 0;
    if (busy >= this.settings.limit) {
      graphError(ctx, 429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'retry-after': String(this.settings.retryAfterSeconds) });
      return true;
    }
    this.inFlight.set(key, busy + 1);
    ctx.res.once('close', () => {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    });
    return false;
  }
}
