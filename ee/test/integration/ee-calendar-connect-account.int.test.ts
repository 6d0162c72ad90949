import { bind, createProfile, errorCode } from '../../../test/support/microsoft-fixtures';
import { queryDatabase } from '../../../test/support/test-database';
import {
  authorize,
  complete,
  connect,
  createProvider,
  GOOGLE_USER,
  MICROSOFT_USER,
  OTHER_GOOGLE_USER,
  OTHER_MICROSOFT_USER,
  providersSnapshot,
  startCalendarHarness,
  ticketFrom,
  userToken,
  type CalendarHarness,
} from '../support/calendar-harness';

/** Issue "Sign-in and connect flows that cannot be hijacked", part 1: connect completes as the user who started it. */
describe('calendar connect completes as the user who started it', () => {
  let h: CalendarHarness;
  /** The user who starts (a PSA technician); every negative case differs from their request in one thing. */
  let starterKey: string;
  const STARTER = 'psa-tech-starter';

  beforeAll(async () => {
    h = await startCalendarHarness();
    starterKey = await userToken(h, STARTER);
  });
  afterAll(() => h.close());

  const account = { GOOGLE: GOOGLE_USER, MICROSOFT: MICROSOFT_USER } as const;
  const otherAccount = { GOOGLE: OTHER_GOOGLE_USER, MICROSOFT: OTHER_MICROSOFT_USER } as const;
  const grantCount = async (providerId: string) =>
    Number((await queryDatabase<{ n: string }>(h.t.db.url, 'select count(*) as n from calendar_pending_grants where provider_id = $1', [providerId]))[0]!.n);

  /** The starter's provider and a ticket from a consent made in the browser of `signInAs`. */
  async function startedTicket(type: 'GOOGLE' | 'MICROSOFT', signInAs: string = account[type]) {
    const provider = await createProvider(h, type, starterKey);
    const ticket = await ticketFrom(h, await authorize(h, provider.id, starterKey, signInAs));
    return { providerId: provider.id, ticket };
  }

  /** The attempt fails with NOT_FOUND and leaves every calendar_providers row as it was. */
  async function expectRefused(attempt: () => ReturnType<typeof complete>) {
    const before = await providersSnapshot(h);
    const result = await attempt();
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.data).toBeNull();
    expect(await providersSnapshot(h)).toEqual(before);
  }

  it.each(['GOOGLE', 'MICROSOFT'] as const)(
    'acceptance (%s): B consenting to A’s authorization connects nothing, B cannot complete it, A connects A',
    async (type) => {
      const bKey = await userToken(h, 'psa-tech-b');
      const providerId = (await createProvider(h, type, starterKey)).id;
      const before = await providersSnapshot(h);
      // A starts; the link is opened in B's browser, signed in to B's account; the callback hands B the ticket.
      const ticket = await ticketFrom(h, await authorize(h, providerId, starterKey, otherAccount[type]));
      expect(await providersSnapshot(h)).toEqual(before);
      const status = async () => (await h.t.gql('query ($id: ID!) { calendarProvider(id: $id) { status } }', { id: providerId }, starterKey)).data.calendarProvider;
      expect(await status()).toEqual({ status: 'CONFIGURING' });
      await expectRefused(() => complete(h, ticket, bKey));
      await expectRefused(() => complete(h, ticket, h.tenant.apiKey));
      expect(await status()).toEqual({ status: 'CONFIGURING' });

      const connected = await connect(h, providerId, { apiKey: starterKey });
      expect(connected).toMatchObject({ id: providerId, status: 'CONNECTED', accountEmail: account[type], warnings: [] });
    },
  );

  describe('a ticket is refused, with nothing written, when', () => {
    it('another user of the same tenant presents it (and it stays usable for its owner)', async () => {
      const { providerId, ticket } = await startedTicket('GOOGLE');
      await expectRefused(async () => complete(h, ticket, await userToken(h, 'psa-tech-other')));
      expect((await complete(h, ticket, starterKey)).data.completeCalendarAuthorization).toMatchObject({ id: providerId, status: 'CONNECTED' });
    });

    it('the same user id of another tenant presents it', async () => {
      const other = await h.t.createTenant('Other MSP');
      const { providerId, ticket } = await startedTicket('GOOGLE');
      await expectRefused(async () => complete(h, ticket, await userToken(h, STARTER, 'user', other.tenantId)));
      expect((await complete(h, ticket, starterKey)).data.completeCalendarAuthorization).toMatchObject({ id: providerId, status: 'CONNECTED' });
    });

    it('it expired (10 minutes), and expired grants are purged on the connect path', async () => {
      const { providerId, ticket } = await startedTicket('GOOGLE');
      // As if the 10 minutes had passed (the database clock decides).
      await queryDatabase(h.t.db.url, "update calendar_pending_grants set expires_at = now() - interval '1 second' where provider_id = $1", [providerId]);
      await expectRefused(() => complete(h, ticket, starterKey));
      expect(await grantCount(providerId)).toBe(1);
      await authorize(h, (await createProvider(h, 'GOOGLE', starterKey)).id, starterKey);
      expect(await grantCount(providerId)).toBe(0);
    });

    it('it was already used', async () => {
      const { ticket } = await startedTicket('GOOGLE');
      expect((await complete(h, ticket, starterKey)).errors).toBeUndefined();
      await expectRefused(() => complete(h, ticket, starterKey));
    });

    it('it was never issued (a guess, or a hash read from the database)', async () => {
      const { providerId, ticket } = await startedTicket('GOOGLE');
      const [row] = await queryDatabase<{ ticket_hash: string }>(h.t.db.url, 'select ticket_hash from calendar_pending_grants where provider_id = $1', [providerId]);
      await expectRefused(() => complete(h, row!.ticket_hash, starterKey));
      await expectRefused(() => complete(h, `${ticket.slice(0, -1)}${ticket.endsWith('A') ? 'B' : 'A'}`, starterKey));
    });
  });

  it('two concurrent completions of one ticket: exactly one connects', async () => {
    const { providerId, ticket } = await startedTicket('GOOGLE');
    const results = await Promise.all([complete(h, ticket, starterKey), complete(h, ticket, starterKey)]);
    expect(results.map((result) => errorCode(result) ?? result.data.completeCalendarAuthorization.status).sort()).toEqual(['CONNECTED', 'NOT_FOUND']);
    const [row] = await queryDatabase<{ status: string }>(h.t.db.url, 'select status from calendar_providers where id = $1', [providerId]);
    expect(row!.status).toBe('connected');
  });

  it('refuses a Microsoft ticket once CALENDAR was rebound after the sign-in (its tokens belong to the old app)', async () => {
    const { ticket } = await startedTicket('MICROSOFT');
    const bindings = await h.t.gql('{ microsoftConsumerBindings { consumer profile { id } } }', {}, h.tenant.apiKey);
    const original = bindings.data.microsoftConsumerBindings.find((row: { consumer: string }) => row.consumer === 'CALENDAR').profile.id;
    await bind(h.t, h.tenant.apiKey, 'CALENDAR', (await createProfile(h.t, h.tenant.apiKey)).id);
    try {
      const before = await providersSnapshot(h);
      expect(errorCode(await complete(h, ticket, starterKey))).toBe('REAUTH_REQUIRED');
      expect(await providersSnapshot(h)).toEqual(before);
    } finally {
      await bind(h.t, h.tenant.apiKey, 'CALENDAR', original);
    }
  });
});
