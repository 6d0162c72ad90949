import { spawnTs } from '../support/spawn-process';

jest.setTimeout(30_000);

describe('npm run simulators', () => {
  it('starts both simulators, seeds demo credentials and prints the variables that point Switchboard at them', async () => {
    const runner = spawnTs('test/fakes/run.ts', { GOOGLE_SIMULATOR_PORT: '0', MICROSOFT_SIMULATOR_PORT: '0' });
    try {
      const [, googleApi] = await runner.waitForOutput(/export GOOGLE_API_URL=(\S+)/);
      const [, graph] = await runner.waitForOutput(/export MICROSOFT_GRAPH_URL=(\S+)/);
      expect(runner.output()).toMatch(/export GOOGLE_OAUTH_URL=http:\/\/127\.0\.0\.1:\d+/);
      expect(runner.output()).toMatch(/export MICROSOFT_LOGIN_URL=http:\/\/127\.0\.0\.1:\d+/);
      expect(runner.output()).toMatch(/export MICROSOFT_AUTHORITY_HOST=login\.microsoft\.sim/);
      // Both answer, and their control APIs know the seeded demo apps.
      const discovery = await fetch(`${googleApi}calendar/v3/users/me/calendarList`);
      expect(discovery.status).toBe(401);
      const graphAnswer = await fetch(`${graph}/v1.0/me/calendars`);
      expect(graphAnswer.status).toBe(401);
    } finally {
      expect(await runner.stop()).toBe(0);
    }
  });
});
