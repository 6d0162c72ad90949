import type { Logger } from '../observability/logger';
import type { ServiceDeps } from '../runtime/service-deps';

export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; ms: number }>;
}

/** Each check gets this long: /readyz must turn 503 within 2 s of a dependency going away. */
const CHECK_TIMEOUT_MS = 1500;

export function dependencyChecks(deps: Pick<ServiceDeps, 'orm' | 'redis'>): DependencyCheck[] {
  const checks: DependencyCheck[] = [
    { name: 'database', check: async () => void (await deps.orm.em.fork().getConnection().execute('select 1')) },
  ];
  const redis = deps.redis;
  if (redis) checks.push({ name: 'redis', check: async () => void (await redis.ping()) });
  return checks;
}

export async function checkReadiness(checks: DependencyCheck[], logger?: Logger): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(async (dependency) => [dependency.name, await timed(dependency, logger)] as const));
  return { ready: results.every(([, result]) => result.ok), checks: Object.fromEntries(results) };
}

/** The answer names the failing dependency only; the reason (hosts, addresses) goes to the log. */
async function timed(dependency: DependencyCheck, logger?: Logger): Promise<{ ok: boolean; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([dependency.check(), timeout]);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    logger?.warn({ dependency: dependency.name, err: error }, 'readiness check failed');
    return { ok: false, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
