import { isIP } from 'node:net';

export const DNS_SERVERS_FORMAT = 'must be comma-separated IP addresses, each optionally with :port (IPv6 with a port as [address]:port)';

/** `1.1.1.1`, `127.0.0.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353`: the forms node's Resolver.setServers takes. */
function isDnsServer(entry: string): boolean {
  if (isIP(entry)) return true;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(entry);
  if (!match) return false;
  const address = match[1] ?? match[2]!;
  const port = Number(match[3]);
  return isIP(address) === (match[1] ? 6 : 4) && port >= 1 && port <= 65535;
}

export function isDnsServerList(value: string): boolean {
  const entries = splitEntries(value);
  return entries.length > 0 && entries.every(isDnsServer);
}

/** Unset → [] (the system resolvers from /etc/resolv.conf). */
export function parseDnsServers(value: string | undefined): string[] {
  return value === undefined ? [] : splitEntries(value);
}

function splitEntries(value: string): string[] {
  return value.split(',').map((entry) => entry.trim()).filter(Boolean);
}
