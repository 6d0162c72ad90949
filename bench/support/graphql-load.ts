import autocannon from 'autocannon';

export interface Operation {
  name: string;
  query: string;
  /** Called once per request: lets a mutation vary its input. */
  variables: () => Record<string, unknown>;
  targetRatio?: number;
  maxP99Ms?: number;
  maxStatements?: number;
}

export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Target {
  baseUrl: string;
  path: string;
}

export interface LoadOptions {
  apiKey: string;
  connections: number;
  durationS: number;
}

const WARMUP_S = 2;

/**
 * App and floor under the same load, in the order floor, app, app, floor (half the duration each), so drift in
 * what else the box is doing lands on both sides. req/s over both halves; p50 the mean of the halves, p99 the worse.
 */
export async function compareUnderLoad(floor: Target, app: Target, operation: Operation, options: LoadOptions): Promise<{ floor: LoadFigures; app: LoadFigures }> {
  const half = options.durationS / 2;
  await run(floor, operation, options, WARMUP_S);
  await run(app, operation, options, WARMUP_S);
  const floorRuns = [await run(floor, operation, options, half)];
  const appRuns = [await run(app, operation, options, half), await run(app, operation, options, half)];
  floorRuns.push(await run(floor, operation, options, half));
  return { floor: combine(floorRuns), app: combine(appRuns) };
}

type Result = Awaited<ReturnType<typeof autocannon>>;

/** Any non-2xx answer or socket error fails the bench: a refused or broken request must not count as a fast one. */
async function run(target: Target, operation: Operation, options: LoadOptions, durationS: number): Promise<Result> {
  const result = await autocannon({
    url: target.baseUrl,
    connections: options.connections,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        path: target.path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: operation.query, variables: operation.variables() }) }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${operation.name} at ${target.baseUrl}${target.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

function combine(runs: Result[]): LoadFigures {
  const requests = runs.reduce((sum, result) => sum + result.requests.total, 0);
  const seconds = runs.reduce((sum, result) => sum + result.duration, 0);
  return {
    requestsPerSec: requests / seconds,
    p50Ms: runs.reduce((sum, result) => sum + result.latency.p50, 0) / runs.length,
    p99Ms: Math.max(...runs.map((result) => result.latency.p99)),
  };
}
