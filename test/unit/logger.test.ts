import { createLogger } from '../../src/observability/logger';

describe('logger redaction', () => {
  it('censors credentials wherever they appear in structured fields', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer sbk_abc_secret', cookie: 'sid=1', 'x-goog-channel-token': 'chan-secret' } },
        profile: { clientSecret: 'azure-secret-value', clientId: 'visible-client-id' },
        tokens: { access_token: 'ya29.token', refresh_token: '1//refresh' },
        input: { apiKey: 'sbk_key' },
      },
      'request',
    );
    const text = lines.join('');
    for (const secret of ['sbk_abc_secret', 'sid=1', 'chan-secret', 'azure-secret-value', 'ya29.token', '1//refresh', 'sbk_key']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('visible-client-id');
    expect(text).toContain('[redacted]');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, service: 'switchboard', msg: 'request' });
  });
});
