import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  it('boots with no environment at all (embedded mode defaults)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, edition: 'community', redis: undefined, database: { url: undefined }, runWorkers: true });
    expect(config.publicUrl).toBe('http://localhost:4000');
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'abc', EDITION: 'pro', REDIS_URL: 'http://x' })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/PORT[\s\S]*EDITION[\s\S]*REDIS_URL/) }),
    );
  });

  it('requires SECRET_KEYS once DATABASE_URL points at a real server', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(/SECRET_KEYS/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', SECRET_KEYS: 'k:abc' }).database.url).toBe('postgres://db/x');
  });

  it('parses flags and trims the public URL', () => {
    const config = loadConfig({ RUN_WORKERS: 'false', PUBLIC_URL: 'https://sb.example.com/', EDITION: 'enterprise', REDIS_URL: 'redis://r:6379' });
    expect(config).toMatchObject({ runWorkers: false, publicUrl: 'https://sb.example.com', edition: 'enterprise', redis: { url: 'redis://r:6379', prefix: 'switchboard' } });
  });
});
