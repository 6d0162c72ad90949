import autocannon from 'autocannon';
import { pacedLoad, type PacedResult } from './paced-load';

/**
 * The load generator of bench/webhook-ack, run as its own process so it does not share an event loop (or a core's
 * scheduling) with the bench's bookkeeping. Reads one job as JSON from argv[2], prints one JSON result line.
 * Every request is a distinct notification (Google: a new message number; Graph: new etags), so the app's dedupe
 * never makes it cheaper than the floor.
 */
export interface LoadJob {
  url: string;
  path: string;
  kind: 'google' | 'microsoft';
  /** Graph items per POST. */
  items: number;
  channel: string;
  secret: string;
  resourceId: string;
  connections: number;
  durationS: number;
  /** Requests per second over all connections, evenly spaced (open loop, see paced-load.ts); 0 = as fast as it answers (autocannon). */
  rate: number;
}

/** What either load (paced or autocannon) reports. */
export type LoadResult = PacedResult;

const job = JSON.parse(process.argv[2]!) as LoadJob;
const run = `${process.pid}-${Date.now()}`;
let sequence = 0;

function request(): { headers: Record<string, string>; body?: string } {
  const n = ++sequence;
  if (job.kind === 'google') {
    return {
      headers: {
        'x-goog-channel-id': job.channel,
        'x-goog-channel-token': job.secret,
        'x-goog-resource-id': job.resourceId,
        'x-goog-resource-state': 'exists',
        'x-goog-message-number': `${run}-${n}`,
      },
    };
  }
  const value = Array.from({ length: job.items }, (_, item) => ({
    subscriptionId: job.channel,
    clientState: job.secret,
    changeType: 'updated',
    tenantId: 'bench',
    resource: `Users/bench/Events/evt-${item}`,
    resourceData: { id: `evt-${item}`, '@odata.etag': `W/"${run}-${n}-${item}"` },
  }));
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) };
}

async function closedLoop(): Promise<LoadResult> {
  const options = {
    url: job.url,
    connections: job.connections,
    duration: job.durationS,
    requests: [{ method: 'POST', path: job.path, setupRequest: (base: object) => ({ ...base, ...request() }) }],
  };
  const result = await autocannon(options as Parameters<typeof autocannon>[0]);
  return {
    requests: result.requests.total,
    durationS: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function main(): Promise<void> {
  const out: LoadResult =
    job.rate > 0
      ? await pacedLoad({ url: job.url, connections: job.connections, rate: job.rate, durationS: job.durationS, warmupS: 1, next: () => ({ method: 'POST', path: job.path, ...request() }) })
      : await closedLoop();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
