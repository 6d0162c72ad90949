import { ConfigError, loadConfig } from '../../src/config/config';

describe('DNS_SERVERS', () => {
  it('defaults to the system resolvers', () => {
    expect(loadConfig({}).dnsServers).toEqual([]);
    expect(loadConfig({ DNS_SERVERS: '' }).dnsServers).toEqual([]);
  });

  it('takes IPv4 and IPv6 servers, with or without a port', () => {
    expect(loadConfig({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,2001:db8::1,[2001:db8::2]:53' }).dnsServers).toEqual([
      '1.1.1.1',
      '127.0.0.1:5353',
      '2001:db8::1',
      '[2001:db8::2]:53',
    ]);
  });

  it.each(['dns.google', '1.1.1.1:0', '1.1.1.1:70000', '2001:db8::1:53x', '[1.1.1.1]:53', 'udp://1.1.1.1', ','])('refuses %j naming the variable', (value) => {
    expect(() => loadConfig({ DNS_SERVERS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DNS_SERVERS: value })).toThrow(/DNS_SERVERS: must be comma-separated IP addresses/);
  });
});
