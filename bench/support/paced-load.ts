import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * An open-loop load at a fixed rate: request k is due at start + k / rate, whether or not earlier ones have been
 * answered, and its latency is counted from that due time (as wrk2 does). autocannon's own rate option is a
 * per-second budget per connection: every connection fires its share back to back at the top of each second and
 * then waits, so what it reports "at 1,000 req/s" is the latency of a 20-connection burst. This measures what the
 * issue asks: requests arriving evenly at the rate, queueing delay included.
 */
export interface PacedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedOptions {
  url: string;
  /** Sockets kept alive; a due request waits for a free one, and that wait is part of its latency. */
  connections: number;
  rate: number;
  durationS: number;
  /** Sent at the same rate first and not counted: the load's own process is new, its sockets unopened and its JIT cold. */
  warmupS: number;
  next(): PacedRequest;
}

export interface PacedResult {
  requests: number;
  durationS: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const TIMEOUT_MS = 10_000;
/** How often due requests are sent: below the 1 ms gap of 1,000 req/s would only busy the load's own core. */
const TICK_MS = 1;

export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  try {
    if (options.warmupS > 0) await paced(options, agent, options.warmupS);
    return await paced(options, agent, options.durationS);
  } finally {
    agent.destroy();
  }
}

async function paced(options: PacedOptions, agent: http.Agent, durationS: number): Promise<PacedResult> {
  const target = new URL(options.url);
  const total = Math.round(options.rate * durationS);
  const latencies = new Float64Array(total);
  let sent = 0;
  let done = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const start = performance.now();
  const intervalMs = 1000 / options.rate;

  await new Promise<void>((finish) => {
    const settle = (index: number, due: number) => {
      latencies[index] = performance.now() - due;
      if (++done === total) finish();
    };
    const send = (index: number, due: number) => {
      const request = options.next();
      const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body ?? '')) };
      const req = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: request.path, headers, agent, timeout: TIMEOUT_MS },
        (response) => {
          if (!response.statusCode || response.statusCode < 200 || response.statusCode >= 300) non2xx++;
          response.resume();
          response.once('end', () => settle(index, due));
        },
      );
      let timedOut = false;
      req.once('timeout', () => {
        timedOut = true;
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.once('error', () => {
        if (!timedOut) errors++;
        settle(index, due);
      });
      req.end(request.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        send(sent, start + sent * intervalMs);
        sent++;
      }
      if (sent < total) setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const elapsedS = (performance.now() - start) / 1000;
  // BENCH_LATENCY_DUMP=<dir>: every latency in send order, to see when a tail happened (GC, autovacuum, a neighbour).
  if (process.env.BENCH_LATENCY_DUMP) {
    writeFileSync(path.join(process.env.BENCH_LATENCY_DUMP, `${process.pid}-${durationS}s.json`), JSON.stringify({ url: options.url, intervalMs, latencies: Array.from(latencies) }));
  }
  latencies.sort();
  const percentile = (p: number) => latencies[Math.min(total - 1, Math.floor((total * p) / 100))]!;
  return { requests: total, durationS: elapsedS, p50Ms: percentile(50), p99Ms: percentile(99), non2xx, errors, timeouts };
}
