// `motif search` with no Redis tier must not load ioredis at start-up (it costs ~50 ms of module loading).
let loaded = 0;
jest.mock('ioredis', () => {
  loaded++;
  return jest.requireActual('ioredis');
});

describe('ioredis is loaded lazily', () => {
  it('is not loaded by importing @motif/cache, and is once a Redis tier is built', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cache = require('./index') as { RedisL2Cache: unknown };
    expect(loaded).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ioredis } = require('./redis-l2-cache') as { ioredis: () => { Redis: unknown } };
    expect(typeof cache.RedisL2Cache).toBe('function');
    expect(typeof ioredis().Redis).toBe('function');
    expect(loaded).toBe(1);
  });
});
