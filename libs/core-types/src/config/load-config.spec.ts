import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError } from '../errors/motif-error';
import { loadConfig, readConfigFile, resolveConfig } from './load-config';

describe('resolveConfig', () => {
  it('runs on embedded defaults with no configuration at all', () => {
    const config = resolveConfig({ env: {}, home: '/home/u', cwd: '/w' });
    expect(config.dataDir).toBe('/home/u/.local/share/motif');
    expect(config.catalog).toBe('google-chat-cards-v2');
    expect(config.qdrant.url).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.server.port).toBe(8080);
    expect(config.namespace).toBe('default');
  });

  it('selects the embedder with MOTIF_EMBEDDER (unset = the store\'s recorded one, else use-lite) and refuses unknown kinds', () => {
    expect(resolveConfig({ env: {} }).embedder).toEqual({ queryCacheEntries: 1024 });
    expect(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing', MOTIF_EMBEDDING_DIM: '768' } }).embedder).toMatchObject({ kind: 'hashing', dimension: 768 });
    expect(resolveConfig({ env: { MOTIF_EMBEDDER: 'use-lite' } }).embedder.kind).toBe('use-lite');
    expect(() => resolveConfig({ env: { MOTIF_EMBEDDER: 'bert' } })).toThrow(/\/embedder\/kind: must be one of use-lite, hashing \(MOTIF_EMBEDDER\)/);
    expect(() => resolveConfig({ env: { MOTIF_EMBEDDER: 'use-lite', MOTIF_EMBEDDING_DIM: '384' } })).toThrow(/use-lite embedder has dimension 512/);
  });

  it('applies flags > env > file > defaults', () => {
    const file = { dataDir: 'from-file', server: { port: 1111 }, logLevel: 'debug', namespace: 'file-ns' };
    const env = { MOTIF_DATA_DIR: '/env/data', PORT: '2222', REDIS_URL: 'redis://127.0.0.1:6379' };
    const config = resolveConfig({ env, file, flags: { dataDir: '/flag/data' }, cwd: '/w', home: '/h' });
    expect(config.dataDir).toBe('/flag/data');
    expect(config.server.port).toBe(2222);
    expect(config.logLevel).toBe('debug');
    expect(config.namespace).toBe('file-ns');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    // untouched nested defaults survive a partial override
    expect(config.server.host).toBe('127.0.0.1');
  });

  it('reads every documented environment variable', () => {
    const config = resolveConfig({
      env: {
        MOTIF_DATA_DIR: 'rel/dir', QDRANT_URL: 'http://q:6333', QDRANT_API_KEY: 'k', QDRANT_COLLECTION: 'c1',
        REDIS_URL: 'redis://r:1', MOTIF_CATALOG: 'my-catalog.json', PORT: '9', MOTIF_API_KEY: 'secret-key', LOG_LEVEL: 'warn',
      },
      cwd: '/w',
    });
    expect(config).toMatchObject({
      dataDir: '/w/rel/dir', catalog: '/w/my-catalog.json', logLevel: 'warn',
      qdrant: { url: 'http://q:6333', apiKey: 'k', collection: 'c1' },
      redis: { url: 'redis://r:1' }, server: { port: 9, apiKey: 'secret-key' },
    });
  });

  it('names the bad field and its source value', () => {
    expect(() => resolveConfig({ env: { PORT: 'eighty' } })).toThrow(/PORT must be an integer, got 'eighty'/);
    try {
      resolveConfig({ env: { REDIS_URL: 'http://nope' } });
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(MotifError);
      expect((e as MotifError).code).toBe('CONFIG_INVALID');
      expect((e as MotifError).fieldErrors[0].path).toBe('/redis/url');
    }
  });

  it('loads a config file named by MOTIF_CONFIG and rejects a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-cfg-'));
    const good = join(dir, 'motif.json');
    writeFileSync(good, JSON.stringify({ server: { port: 4242 } }));
    expect(loadConfig({}, { MOTIF_CONFIG: good }).server.port).toBe(4242);
    expect(loadConfig({ config: good }, { PORT: '5' }).server.port).toBe(5);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => readConfigFile(bad)).toThrow(/bad.json is not valid JSON/);
    expect(() => readConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read config file/);
  });
});

describe('resolveConfig() for library users: flags > environment > config file > defaults', () => {
  // What a library user calls: no sources at all, or flags only. The environment is process.env.
  const saved = { ...process.env };
  let dir: string;
  let file: string;
  beforeEach(() => {
    for (const key of Object.keys(process.env)) if (/^(MOTIF_|PORT$|LOG_LEVEL$|REDIS_|QDRANT_|XDG_DATA_HOME$|HOST$)/.test(key)) delete process.env[key];
    dir = mkdtempSync(join(tmpdir(), 'motif-levels-'));
    file = join(dir, 'motif.json');
    writeFileSync(file, JSON.stringify({ namespace: 'from-file', server: { port: 1111 }, logLevel: 'debug' }));
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('defaults: nothing configured gives the embedded defaults under the home directory', () => {
    const config = resolveConfig({ home: '/home/u' });
    expect(config).toMatchObject({ dataDir: '/home/u/.local/share/motif', namespace: 'default', logLevel: 'info', server: { port: 8080 } });
  });

  it('config file: MOTIF_CONFIG (or flags.config) names a file whose values beat the defaults', () => {
    process.env.MOTIF_CONFIG = file;
    expect(resolveConfig()).toMatchObject({ namespace: 'from-file', logLevel: 'debug', server: { port: 1111, host: '127.0.0.1' } });
    delete process.env.MOTIF_CONFIG;
    expect(resolveConfig({ flags: { config: 'motif.json' }, cwd: dir }).namespace).toBe('from-file');
    expect(resolveConfig().namespace).toBe('default');
    process.env.MOTIF_CONFIG = join(dir, 'missing.json');
    expect(() => resolveConfig()).toThrow(/cannot read config file .*missing\.json/);
  });

  it('environment: process.env beats the config file', () => {
    process.env.MOTIF_CONFIG = file;
    process.env.MOTIF_NAMESPACE = 'from-env';
    process.env.PORT = '2222';
    expect(resolveConfig()).toMatchObject({ namespace: 'from-env', logLevel: 'debug', server: { port: 2222 } });
    // an explicit env replaces process.env (and with it MOTIF_CONFIG)
    expect(resolveConfig({ env: {} }).namespace).toBe('default');
  });

  it('flags: beat the environment and the config file', () => {
    process.env.MOTIF_CONFIG = file;
    process.env.MOTIF_NAMESPACE = 'from-env';
    process.env.PORT = '2222';
    expect(resolveConfig({ flags: { namespace: 'from-flag', port: 3333 } })).toMatchObject({ namespace: 'from-flag', logLevel: 'debug', server: { port: 3333 } });
  });
});

describe('Redis topologies', () => {
  it('reads Sentinel and Cluster settings from the environment', () => {
    const sentinel = resolveConfig({ env: { REDIS_SENTINELS: 's1:26379, s2:26379', REDIS_SENTINEL_NAME: 'motif' } });
    expect(sentinel.redis.sentinel).toEqual({ name: 'motif', sentinels: ['s1:26379', 's2:26379'] });
    const cluster = resolveConfig({ env: { REDIS_CLUSTER_NODES: 'n1:7000,n2:7001' } });
    expect(cluster.redis.cluster).toEqual({ nodes: ['n1:7000', 'n2:7001'] });
  });
  it('refuses two topologies at once and malformed nodes', () => {
    expect(() => resolveConfig({ env: { REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'n1:7000' } })).toThrow(/choose one of redis.url/);
    expect(() => resolveConfig({ env: { REDIS_CLUSTER_NODES: 'nohost' } })).toThrow(/host:port/);
  });
});
