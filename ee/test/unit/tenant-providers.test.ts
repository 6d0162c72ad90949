import type { CalendarProviderRecord } from '../../src/calendar/calendar-provider.repository';
import { TenantProviders } from '../../src/calendar/sync/schedule-change-subscriber';

describe('TenantProviders (the push subscriber’s provider reads)', () => {
  let reads: string[];
  let fail: boolean;
  const repository = {
    list: async (_em: unknown, tenantId: string) => {
      reads.push(tenantId);
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('database down');
      return [{ id: `p-${tenantId}-${reads.length}` }] as unknown as CalendarProviderRecord[];
    },
  };

  beforeEach(() => {
    reads = [];
    fail = false;
  });

  it('shares one read among concurrent deliveries of a tenant, and keeps nothing once it settled', async () => {
    const providers = new TenantProviders(repository, () => ({}) as never);
    const batch = await Promise.all([providers.list('a'), providers.list('a'), providers.list('b'), providers.list('a')]);
    expect(reads).toEqual(['a', 'b']);
    expect(batch[0]).toBe(batch[1]);
    expect(await providers.list('a')).toEqual([{ id: 'p-a-3' }]);
    expect(reads).toEqual(['a', 'b', 'a']);
  });

  it('does not keep a failed read', async () => {
    const providers = new TenantProviders(repository, () => ({}) as never);
    fail = true;
    await expect(Promise.all([providers.list('a'), providers.list('a')])).rejects.toThrow('database down');
    fail = false;
    await expect(providers.list('a')).resolves.toHaveLength(1);
    expect(reads).toEqual(['a', 'a']);
  });
});
