import { isMotifError } from '@motif/core-types';
import { startApi } from './start-api';

/** Entry point: `node apps/api/dist/main.js` (config from env and `MOTIF_CONFIG`; `--port N` overrides PORT). */
async function main(): Promise<void> {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : undefined;
  const { server, logger } = await startApi(port === undefined || Number.isNaN(port) ? {} : { port });
  const example = `curl -s ${server.url}/v1/search -H 'Content-Type: application/json' -d '{"query":"status card"}'`;
  process.stdout.write(`Motif API listening on ${server.url} (docs: ${server.url}/docs) — try: ${example}\n`);
  logger.info({ event: 'listening', url: server.url }, 'listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C does not wait for in-flight requests.
      logger.warn({ event: 'shutdown', signal }, 'forced exit');
      process.exit(130);
    }
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const message = isMotifError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
  process.stderr.write(`motif-api: cannot start: ${message}\n`);
  process.exit(isMotifError(error) ? error.exitCode : 1);
});
