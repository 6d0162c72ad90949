import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig: JWT lifetime, rate limits, metrics token', () => {
  it('defaults to a 24 h JWT cap, generous rate limits that are on, and open metrics', () => {
    const config = loadConfig({});
    expect(config.jwt.maxLifetimeSeconds).toBe(86_400);
    expect(config.rateLimits).toEqual({ enabled: true, graphqlPerMinute: 600, graphqlAnonPerMinute: 120, callbacksPerMinute: 300, webhooksPerMinute: 1200 });
    expect(config.metricsToken).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      JWT_MAX_LIFETIME_SECONDS: '3600',
      RATE_LIMIT_ENABLED: 'false',
      RATE_LIMIT_GRAPHQL_PER_MINUTE: '10',
      RATE_LIMIT_GRAPHQL_ANON_PER_MINUTE: '11',
      RATE_LIMIT_CALLBACKS_PER_MINUTE: '12',
      RATE_LIMIT_WEBHOOKS_PER_MINUTE: '13',
      METRICS_TOKEN: 'a-metrics-token-of-length',
    });
    expect(config.jwt.maxLifetimeSeconds).toBe(3600);
    expect(config.rateLimits).toEqual({ enabled: false, graphqlPerMinute: 10, graphqlAnonPerMinute: 11, callbacksPerMinute: 12, webhooksPerMinute: 13 });
    expect(config.metricsToken).toBe('a-metrics-token-of-length');
  });

  it('names each bad value', () => {
    expect(() => loadConfig({ JWT_MAX_LIFETIME_SECONDS: '0', RATE_LIMIT_GRAPHQL_PER_MINUTE: 'lots', RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0', METRICS_TOKEN: 'short' })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/JWT_MAX_LIFETIME_SECONDS[\s\S]*RATE_LIMIT_GRAPHQL_PER_MINUTE[\s\S]*RATE_LIMIT_WEBHOOKS_PER_MINUTE[\s\S]*METRICS_TOKEN/) }),
    );
  });

  it('refuses a JWT secret and a JWKS URL together: one key type only', () => {
    const both = { JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://psa.example/.well-known/jwks.json' };
    expect(() => loadConfig(both)).toThrow(ConfigError);
    expect(() => loadConfig(both)).toThrow(/JWT_SECRET \/ JWT_JWKS_URL/);
    expect(loadConfig({ JWT_SECRET: both.JWT_SECRET }).jwt.secret).toBe(both.JWT_SECRET);
  });
});
