import type { Logger } from 'pino';
import { loadConfig, type ConfigFlags, type MotifConfig } from '@motif/core-types';
import { createMotifContainer, type MotifRuntime } from '@motif/patterns';
import { createApiServer, type ApiServer } from './server';

export interface StartedApi {
  config: MotifConfig;
  /** The runtime the server owns (closed by `server.close()`). */
  runtime: MotifRuntime;
  server: ApiServer;
  logger: Logger;
}

/**
 * Config (flags > env > `MOTIF_CONFIG` file > defaults) → runtime from the one container factory →
 * listening server. The runtime is closed again if listening fails.
 */
export async function startApi(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env, logger?: Logger): Promise<StartedApi> {
  const config = loadConfig(flags, env);
  const runtime = await createMotifContainer(config, { warm: true });
  try {
    // Without a logger, the app makes its default one (level from the config).
    const server = await createApiServer(runtime, { logger });
    return { config, runtime, server, logger: server.app.motif.logger };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
