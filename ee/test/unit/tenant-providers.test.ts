import type { CalendarProviderRecord } from '../../src/calendar/calendar-provider.repository';
import { TenantProviders } from '../../src/calendar/sync/schedule-change-subscriber';

describe('TenantProviders (the push subscriber’s provider reads)', () => {
  let now = 0;
  let reads: string[];
  let fail = false;
  const repository = {
    list: async (_em: unknown, tenantId: string) => {
      reads.push(tenantId);
      if (fail) throw new Error('database down');
      return [{ id: `p-${tenantId}-${reads.length}` }] as unknown as CalendarProviderRecord[];
    },
  };
  const directory = () => new TenantProviders(repository, () => ({}) as never, 1_000, () => now);

  beforeEach(() => {
    now = 0;
    reads = [];
    fail = false;
  });

  it('reads a tenant once for a batch of events, per tenant, and again after the TTL', async () => {
    const providers = directory();
    await Promise.all([providers.list('a'), providers.list('a'), providers.list('b'), providers.list('a')]);
    expect(reads).toEqual(['a', 'b']);
    now = 999;
    await providers.list('a');
    expect(reads).toEqual(['a', 'b']);
    now = 1_000;
    expect(await providers.list('a')).toEqual([{ id: 'p-a-3' }]);
    expect(reads).toEqual(['a', 'b', 'a']);
  });

  it('does not remember a failed read', async () => {
    const providers = directory();
    fail = true;
    await expect(providers.list('a')).rejects.toThrow('database down');
    fail = false;
    await expect(providers.list('a')).resolves.toHaveLength(1);
    expect(reads).toEqual(['a', 'a']);
  });
});
