import { resolveConfig, type MotifConfig } from '@motif/core-types';

/** A silent default config for API specs, with the server settings a spec needs to vary. */
export const fakeConfig = (overrides: { apiKey?: string; apiKeysFile?: string; bodyLimitBytes?: number; corsOrigins?: string[] } = {}): MotifConfig => {
  const config = resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, home: '/tmp', cwd: '/tmp' });
  return { ...config, logLevel: 'silent', server: { ...config.server, ...overrides } };
};
