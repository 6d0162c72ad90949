import { promises as dns } from 'node:dns';
import { withTimeout } from '../runtime/with-timeout';

/** What a TXT lookup found: the records (chunks joined), or why there are none. */
export type TxtLookupResult =
  | { ok: true; records: string[] }
  | { ok: false; reason: 'no_record' }
  | { ok: false; reason: 'lookup_failed'; code: string };

export interface TxtLookup {
  resolveTxt(name: string): Promise<TxtLookupResult>;
}

export interface DnsTxtLookupOptions {
  /** `ip` or `ip:port` entries (DNS_SERVERS); empty = the system resolvers. */
  servers: string[];
  /** Per attempt; c-ares retries `tries` times per server. */
  attemptTimeoutMs?: number;
  tries?: number;
  /** Hard bound on the whole lookup, whatever the resolver does. */
  totalTimeoutMs?: number;
}

const NO_RECORD_CODES = new Set(['ENODATA', 'ENOTFOUND']);

/** TXT lookups through node's resolver (c-ares), pointed at DNS_SERVERS. */
export class DnsTxtLookup implements TxtLookup {
  private readonly resolver: dns.Resolver;
  private readonly totalTimeoutMs: number;

  constructor(options: DnsTxtLookupOptions) {
    this.resolver = new dns.Resolver({ timeout: options.attemptTimeoutMs ?? 2000, tries: options.tries ?? 2 });
    if (options.servers.length > 0) this.resolver.setServers(options.servers);
    this.totalTimeoutMs = options.totalTimeoutMs ?? 10_000;
  }

  async resolveTxt(name: string): Promise<TxtLookupResult> {
    try {
      const records = await withTimeout(this.resolver.resolveTxt(name), this.totalTimeoutMs, `DNS lookup of ${name}`);
      // A TXT record longer than 255 bytes arrives as several character-strings: one value is their concatenation.
      return { ok: true, records: records.map((chunks) => chunks.join('')) };
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ETIMEOUT';
      if (NO_RECORD_CODES.has(code)) return { ok: false, reason: 'no_record' };
      return { ok: false, reason: 'lookup_failed', code };
    }
  }
}
