import { isUuid, uuidv7 } from '../../src/db/uuid';

describe('uuidv7', () => {
  it('is a version 7, RFC 9562 variant uuid whose first 48 bits are the millisecond timestamp', () => {
    const at = Date.UTC(2026, 11, 2, 3, 4, 5, 678);
    const id = uuidv7(at);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts by time across milliseconds (new keys land at the index’s right edge) and is random within one', () => {
    const ids = [1, 2, 3, 1_000, 60_000].map((offset) => uuidv7(Date.UTC(2026, 0, 1) + offset));
    expect([...ids].sort()).toEqual(ids);
    const sameMs = new Set(Array.from({ length: 1000 }, () => uuidv7(Date.UTC(2026, 0, 1))));
    expect(sameMs.size).toBe(1000);
  });
});
