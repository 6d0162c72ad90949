import { decideWatch, webhookStatus, type WatchAction, type WatchFacts } from '../../src/calendar/webhooks/webhook-maintenance.decision';

const NOW = new Date('2026-12-10T12:00:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
const facts = (overrides: Partial<WatchFacts> = {}): WatchFacts => ({
  active: true,
  status: 'connected',
  calendarId: 'cal-1',
  syncDirection: 'bidirectional',
  webhookSubscriptionId: 'sub-1',
  webhookExpiresAt: hours(72),
  watchedCalendarId: 'cal-1',
  ...overrides,
});
const none = { webhookSubscriptionId: null, webhookExpiresAt: null };

describe('decideWatch', () => {
  it.each<[string, Partial<WatchFacts>, WatchAction]>([
    ['a live watch with days left is kept', {}, 'keep'],
    ['just over a day left: kept', { webhookExpiresAt: hours(24.5) }, 'keep'],
    ['under a day left: renewed (Graph PATCH / Google roll)', { webhookExpiresAt: hours(23) }, 'renew'],
    ['an hour left: renewed', { webhookExpiresAt: hours(1) }, 'renew'],
    ['lapsed: created again', { webhookExpiresAt: hours(-1) }, 'create'],
    ['connected with a calendar and nothing registered: created', none, 'create'],
    ['registered for the previous calendar: replaced', { calendarId: 'cal-2' }, 'replace'],
    ['registered before the watched calendar was recorded: kept', { watchedCalendarId: null }, 'keep'],
    ['deactivated: stopped', { active: false }, 'stop'],
    ['push-only: stopped', { syncDirection: 'to_external' }, 'stop'],
    ['calendar cleared (other account): stopped', { calendarId: null }, 'stop'],
    ['disconnected: stopped', { status: 'disconnected' }, 'stop'],
    ['ERROR: left alone until reconnected', { status: 'error', webhookExpiresAt: hours(1) }, 'keep'],
    ['REAUTH_REQUIRED without a watch: nothing created', { status: 'reauth_required', ...none }, 'keep'],
    ['no calendar and nothing registered: nothing', { calendarId: null, ...none }, 'none'],
    ['still configuring: nothing', { status: 'configuring', ...none }, 'none'],
  ])('%s', (_name, overrides, expected) => {
    expect(decideWatch(facts(overrides), NOW)).toBe(expected);
  });
});

describe('webhookStatus', () => {
  it.each([
    ['ACTIVE', { expiresAt: hours(48), consecutiveFailures: 0, polling: false }],
    ['EXPIRING', { expiresAt: hours(2), consecutiveFailures: 0, polling: false }],
    ['FAILING', { expiresAt: hours(48), consecutiveFailures: 1, polling: false }],
    ['FAILING', { expiresAt: null, consecutiveFailures: 0, polling: true }],
    ['NONE', { expiresAt: null, consecutiveFailures: 0, polling: false }],
    ['NONE', { expiresAt: hours(-1), consecutiveFailures: 0, polling: false }],
  ])('%s', (expected, input) => {
    expect(webhookStatus(input, NOW)).toBe(expected);
  });
});
