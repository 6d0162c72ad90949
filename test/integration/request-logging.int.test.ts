import { startTestApp, type TestApp } from '../support/test-app';

describe('request logging', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ logSink: (line) => lines.push(line) });
  });
  afterAll(() => t.close());

  it('logs one line per request with the path only: query strings carry emails, codes and states', async () => {
    await t.app.inject({ method: 'GET', url: '/api/auth/msp/sso/discover?email=ceo@secret-client.example', headers: { 'x-request-id': 'log-test-1' } });
    await t.app.inject({ method: 'GET', url: '/api/auth/google/calendar/callback?code=4/0AbCdEf&state=signed.state' });
    const text = lines.join('\n');
    expect(text).not.toMatch(/ceo@secret-client|4\/0AbCdEf|signed\.state/);
    const entry = lines.map((line) => JSON.parse(line)).find((row) => row.reqId === 'log-test-1' && row.msg === 'request completed');
    expect(entry).toMatchObject({ method: 'GET', path: '/api/auth/msp/sso/discover', statusCode: 200 });
  });

  it('logs probes and calendar webhooks at debug (high volume, counted on /metrics), everything else at info', async () => {
    const levelOf = async (method: 'GET' | 'POST', url: string, id: string) => {
      await t.app.inject({ method, url, headers: { 'x-request-id': id } });
      return lines.map((line) => JSON.parse(line)).find((row) => row.reqId === id && row.msg === 'request completed')?.level;
    };
    expect(await levelOf('POST', '/api/calendar/webhooks/google', 'log-webhook-google')).toBe(20);
    expect(await levelOf('POST', '/api/calendar/webhooks/microsoft', 'log-webhook-microsoft')).toBe(20);
    expect(await levelOf('GET', '/healthz', 'log-probe')).toBe(20);
    expect(await levelOf('GET', '/api/auth/google/calendar/callback', 'log-callback')).toBe(30);
  });
});
