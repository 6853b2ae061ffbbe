import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { defaultRedisServerBinary, findOnPath, redisServerAvailable, redisSuitesRun, startRedisServer } from './redis-server';

describe('finding redis-server', () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'motif-path-'));
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('looks on the PATH, in order, not at a fixed path', () => {
    const bin = join(dir, 'redis-server');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    expect(findOnPath('redis-server', ['/nonexistent', dir, '/usr/bin'].join(delimiter))).toBe(bin);
    delete process.env['REDIS_SERVER_BIN'];
    process.env['PATH'] = dir;
    expect(defaultRedisServerBinary()).toBe(bin);
    process.env['REDIS_SERVER_BIN'] = '/opt/redis/bin/redis-server';
    expect(defaultRedisServerBinary()).toBe('/opt/redis/bin/redis-server');
  });

  it('fails the suites that need it when it is missing, unless MOTIF_ALLOW_SKIP=1', async () => {
    delete process.env['REDIS_SERVER_BIN'];
    process.env['PATH'] = dir;
    delete process.env['MOTIF_ALLOW_SKIP'];
    expect(redisServerAvailable()).toBe(false);
    expect(redisSuitesRun()).toBe(true);
    await expect(startRedisServer()).rejects.toThrow(/not found \(REDIS_SERVER_BIN, then the PATH\).*MOTIF_ALLOW_SKIP=1/);
    process.env['MOTIF_ALLOW_SKIP'] = '1';
    expect(redisSuitesRun()).toBe(false);
  });
});
