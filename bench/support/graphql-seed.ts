import { ApiKeyService } from '../../src/auth/api-key.service';
import type { RequestContext } from '../../src/auth/request-context';
import { coreEntities } from '../../src/db/entities';
import { createOrm } from '../../src/db/orm';
import { createLogger } from '../../src/observability/logger';
import { ScheduleEntryService } from '../../src/schedule/schedule-entry.service';
import { TenantService } from '../../src/tenants/tenant.service';
import { UserService } from '../../src/users/user.service';

export interface GraphqlBenchSeed {
  tenantId: string;
  /** The tenant's admin key: every benchmarked request authenticates with it. */
  apiKey: string;
  /** externalIds of users that already exist: upsertUser over them is the steady-state (update) path. */
  upsertTargets: string[];
}

const TECHNICIANS = 5;
const YEAR_START = Date.UTC(2027, 0, 1);

/**
 * One tenant: its admin, 5 technicians, `entries` timed entries with 2 assignees each (so a 50-entry page
 * resolves assignees through the users loader) and `upsertTargets` further users for the mutation to update.
 */
export async function seedGraphqlBench(url: string, options: { entries: number; upsertTargets: number }): Promise<GraphqlBenchSeed> {
  const orm = await createOrm({ url, poolMax: 4, entities: coreEntities, logger: createLogger('silent') });
  try {
    const created = await new TenantService(orm, new ApiKeyService(orm)).createWithAdmin({ name: 'Bench MSP', adminEmail: 'admin@bench.example' });
    const auth: RequestContext = { tenantId: created.tenantId, userId: created.userId, role: 'admin', via: 'api_key' };
    const users = new UserService(orm);
    const technicians: string[] = [];
    for (let n = 0; n < TECHNICIANS; n++) {
      technicians.push((await users.upsert(created.tenantId, { externalId: `tech-${n}`, email: `tech${n}@bench.example`, displayName: `Tech ${n}` })).id);
    }
    const entries = new ScheduleEntryService({ orm });
    for (let n = 0; n < options.entries; n++) {
      const startsAt = new Date(YEAR_START + n * 3_600_000);
      await entries.create(auth, {
        title: `Job ${n}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 1_800_000),
        assigneeIds: [technicians[n % TECHNICIANS]!, technicians[(n + 1) % TECHNICIANS]!],
      });
    }
    const upsertTargets = Array.from({ length: options.upsertTargets }, (_unused, n) => `bench-${n}`);
    for (const externalId of upsertTargets) await users.upsert(created.tenantId, { externalId, email: `${externalId}@bench.example` });
    await orm.em.fork().getConnection().execute('analyze');
    return { tenantId: created.tenantId, apiKey: created.apiKey, upsertTargets };
  } finally {
    await orm.close();
  }
}
