/**
 * Injected faults, latency and the request log (everything outside /__control).
 * Fault bodies follow https://developers.google.com/calendar/api/guides/errors
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GoogleApiError } from './google-error';
import type { SimState } from './state';
import type { FaultReason, FaultSpec, RequestLogEntry } from './types';

export const CONTROL_PREFIX = '/__control';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const MESSAGES: Record<FaultReason, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  backendError: 'Backend Error',
};

export function faultError(fault: FaultSpec & { status: number }): GoogleApiError {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  const defaults: Record<number, FaultReason> = { 429: 'rateLimitExceeded', 403: 'userRateLimitExceeded', 500: 'backendError', 503: 'backendError' };
  const reason = fault.reason ?? defaults[fault.status] ?? 'backendError';
  const domain = reason === 'backendError' ? 'global' : 'usageLimits';
  const message = fault.status === 503 ? 'The service is currently unavailable.' : MESSAGES[reason];
  return new GoogleApiError(fault.status, reason, message, { domain, headers });
}

function pathOf(req: FastifyRequest): string {
  return req.url.split('?')[0];
}

export class FaultInjector {
  private faults: FaultSpec[] = [];
  private latencyMs = 0;
  private log: RequestLogEntry[] = [];
  private readonly arrivedAt = new WeakMap<FastifyRequest, number>();

  constructor(private readonly state: SimState) {}

  inject(fault: FaultSpec): void {
    if (!Number.isInteger(fault.times) || fault.times < 1) throw new Error('injectFault: times must be a positive integer');
    this.faults.push({ ...fault, match: { ...fault.match } });
  }

  clear(): void {
    this.faults = [];
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  requestLog(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  clearLog(): void {
    this.log = [];
  }

  reset(): void {
    this.faults = [];
    this.latencyMs = 0;
    this.log = [];
  }

  /** Takes one use of the first fault matching the request, if any. */
  private take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find((f) =>
      (!f.match?.method || f.match.method.toUpperCase() === method) && (!f.match?.pathPrefix || path.startsWith(f.match.pathPrefix)));
    if (!fault) return undefined;
    fault.times--;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (req, reply) => {
      const path = pathOf(req);
      if (path.startsWith(CONTROL_PREFIX)) return;
      this.arrivedAt.set(req, this.state.now());
      const fault = this.take(req.method, path);
      const delay = this.latencyMs + (fault?.latencyMs ?? 0);
      if (delay > 0) await sleep(delay);
      if (fault?.status === undefined) return;
      const err = faultError({ ...fault, status: fault.status });
      return reply.code(err.code).headers(err.headers).send(err.toBody());
    });
    app.addHook('onResponse', async (req, reply) => {
      const path = pathOf(req);
      if (path.startsWith(CONTROL_PREFIX)) return;
      this.log.push({
        at: this.arrivedAt.get(req) ?? this.state.now(),
        method: req.method,
        path,
        query: { ...(req.query as Record<string, unknown>) },
        headers: { ...req.headers },
        status: reply.statusCode,
      });
    });
  }
}
