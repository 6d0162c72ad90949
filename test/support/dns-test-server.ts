// A real DNS server on loopback (UDP, dns2) for the code paths that resolve names: the app is pointed at it with
// DNS_SERVERS=127.0.0.1:<port>, so node's own resolver (c-ares) sends real queries and parses real answers.
import dns2 from 'dns2';

const { Packet } = dns2;

export interface DnsTestServer {
  /** `127.0.0.1:<port>`, the DNS_SERVERS value. */
  address: string;
  /** Publishes TXT records at `name`; each record is one string or its character-string chunks. */
  setTxt(name: string, records: Array<string | string[]>): void;
  /** Answers every query for `name` with this RCODE (e.g. SERVFAIL) instead of records. */
  failWith(name: string, rcode: number): void;
  /** Holds every answer this long (lets concurrent requests overlap). */
  setDelay(ms: number): void;
  /** Names queried so far, lower-case, in order. */
  queries(): string[];
  close(): Promise<void>;
}

export const RCODE = Packet.RCODE;
type Answer = dns2.Packet.Resource;

export async function startDnsTestServer(): Promise<DnsTestServer> {
  const txt = new Map<string, string[][]>();
  const failures = new Map<string, number>();
  const seen: string[] = [];
  let delayMs = 0;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = (question?.name ?? '').toLowerCase();
      seen.push(name);
      const rcode = failures.get(name);
      if (rcode !== undefined) response.header.rcode = rcode;
      else if (question?.type === Packet.TYPE.TXT) {
        // dns2 encodes plain records (its README's way); its typings only describe parsed ones (with toBuffer).
        for (const data of txt.get(name) ?? []) response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data } as Answer);
        if (!txt.has(name)) response.header.rcode = Packet.RCODE.NXDOMAIN;
      }
      setTimeout(() => send(response), delayMs);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${addresses.udp!.port}`,
    setTxt: (name, records) => {
      txt.set(name.toLowerCase(), records.map((record) => (Array.isArray(record) ? record : [record])));
      failures.delete(name.toLowerCase());
    },
    failWith: (name, rcode) => failures.set(name.toLowerCase(), rcode),
    setDelay: (ms) => {
      delayMs = ms;
    },
    queries: () => [...seen],
    close: async () => {
      await server.close();
    },
  };
}
