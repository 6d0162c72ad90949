import { startMicrosoftSimulator, type MicrosoftSimulator } from '../../fakes/microsoft/microsoft-simulator';
import type { Edition } from '../../../src/config/config';
import { startDnsTestServer } from '../../support/dns-test-server';
import { simulatorEnv } from '../../support/msp-sso-fixtures';
import { startTestApp, type TestApp } from '../../support/test-app';

export const APP_URL = 'http://psa.test';

export interface SecurityApp {
  t: TestApp;
  microsoft: MicrosoftSimulator;
  close(): Promise<void>;
}

/**
 * An app wired to the Microsoft simulator (MSP SSO sign-ins; EE: Outlook calendars), behind one trusted proxy so
 * each unauthenticated call can come from its own client IP (the SSO routes are rate limited per IP).
 */
export async function startSecurityApp(edition: Edition, env: NodeJS.ProcessEnv = {}, onClose: () => Promise<void> = async () => undefined): Promise<SecurityApp> {
  const microsoft = await startMicrosoftSimulator();
  // Domain proofs look up TXT records: a loopback server that knows none keeps every lookup on this machine.
  const dns = await startDnsTestServer();
  const t = await startTestApp({
    edition,
    env: { ...simulatorEnv(microsoft), MICROSOFT_GRAPH_URL: microsoft.graphUrl, APP_URL, TRUST_PROXY: '1', DNS_SERVERS: dns.address, ...env },
  });
  return {
    t,
    microsoft,
    async close() {
      await t.close();
      await Promise.all([microsoft.close(), dns.close()]);
      await onClose();
    },
  };
}

let clientIps = 0;
/** A fresh documentation-range client IP (x-forwarded-for) per unauthenticated call. */
export const nextClientIp = () => `198.51.100.${(++clientIps % 250) + 1}`;
