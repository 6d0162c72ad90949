import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/runtime';
import type { CreatedTenant } from '../../src/tenants/tenant.service';
import { bind, createProfile } from '../support/microsoft-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { queryDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

describe('consumer profile resolution cache across processes', () => {
  let a: TestApp;
  let b: Runtime;
  let tenant: CreatedTenant;

  beforeAll(async () => {
    a = await startTestApp();
    b = await createRuntime(a.config, { logger: createLogger('silent') });
    tenant = await a.createTenant('Cache');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /**
   * Notifications arrive in order on B's LISTEN connection: once a sentinel sent now has been handled, every
   * invalidation caused by earlier writes has been too.
   */
  const settleNotifications = async () => {
    const sentinel = `sentinel-${Date.now()}-${Math.random()}`;
    const seen = jest.spyOn(b.deps.microsoftCredentials, 'invalidate');
    try {
      await queryDatabase(a.db.url, 'select pg_notify($1, $2)', ['switchboard_microsoft_config', sentinel]);
      await waitFor(() => seen.mock.calls.some(([tenantId]) => tenantId === sentinel), 'the sentinel notification');
    } finally {
      seen.mockRestore();
    }
  };
  const resolveInB = () => b.deps.microsoftCredentials.resolveMicrosoftConsumerProfile(tenant.tenantId, 'msp_sso');
  const boundIdInB = async () => {
    const resolution = await resolveInB();
    return resolution.ok ? resolution.profile.id : resolution.reason;
  };

  it('serves repeated resolutions from memory and drops them when another process writes', async () => {
    const first = await createProfile(a, tenant.apiKey);
    const second = await createProfile(a, tenant.apiKey);
    await bind(a, tenant.apiKey, 'MSP_SSO', first.id);
    await waitFor(async () => (await boundIdInB()) === first.id, 'B to see the first binding');
    await settleNotifications();
    expect(await boundIdInB()).toBe(first.id);

    // A write that bypasses the services (no NOTIFY) stays invisible: proof that B answers from its cache.
    await queryDatabase(a.db.url, 'update microsoft_profiles set display_name = $2 where id = $1', [first.id, 'changed behind the cache']);
    const cached = await resolveInB();
    expect(cached.ok && cached.profile.displayName).toBe(first.displayName);

    // A write through process A notifies; B drops its entry and reads the new binding.
    await bind(a, tenant.apiKey, 'MSP_SSO', second.id);
    await waitFor(async () => (await boundIdInB()) === second.id, 'B to see the rebinding', 3000, 10);
    await a.gql('mutation { clearMicrosoftConsumerBinding(consumer: MSP_SSO) { consumer } }', {}, tenant.apiKey);
    await waitFor(async () => (await boundIdInB()) === 'not_bound', 'B to see the clear', 3000, 10);
  });

  it('bypasses the cache while its LISTEN connection is down, then resumes', async () => {
    const profile = await createProfile(a, tenant.apiKey);
    await bind(a, tenant.apiKey, 'MSP_SSO', profile.id);
    await waitFor(async () => (await boundIdInB()) === profile.id, 'B to see the binding');
    await settleNotifications();
    await queryDatabase(a.db.url, "select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen switchboard_microsoft_config' and datname = current_database()");
    // While disconnected nothing may be served from memory: a silent write is visible at once.
    await waitFor(async () => {
      await queryDatabase(a.db.url, 'update microsoft_profiles set display_name = $2 where id = $1', [profile.id, `renamed ${Date.now()}`]);
      const fresh = await resolveInB();
      const [row] = await queryDatabase<{ display_name: string }>(a.db.url, 'select display_name from microsoft_profiles where id = $1', [profile.id]);
      return fresh.ok && fresh.profile.displayName === row!.display_name;
    }, 'B to read through while disconnected');
    const other = await createProfile(a, tenant.apiKey);
    await waitFor(async () => {
      await bind(a, tenant.apiKey, 'MSP_SSO', other.id);
      return (await boundIdInB()) === other.id;
    }, 'B to reconnect and follow writes', 5000, 200);
  });
});
