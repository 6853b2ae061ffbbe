import { isMotifError } from '@motif/core-types';
import { storeExampleCards } from './example-cards';
import { startApi } from './start-api';

/**
 * Entry point: `node apps/api/dist/main.js` (config from env and `MOTIF_CONFIG`; `--port N` overrides PORT;
 * `--examples DIR` stores the example cards of DIR into an empty store, as `npm start` does).
 */
async function main(): Promise<void> {
  const flag = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const port = flag('--port') === undefined ? undefined : Number(flag('--port'));
  const examples = flag('--examples');
  const { server, logger, runtime } = await startApi(port === undefined || Number.isNaN(port) ? {} : { port });
  if (examples !== undefined) {
    const seeded = await storeExampleCards(runtime.service, examples);
    if (seeded.stored > 0) process.stdout.write(`Stored the ${seeded.stored} example cards of ${examples} into the empty store (${runtime.config.dataDir}).\n`);
  }
  const example = `curl -s ${server.url}/v1/search -H 'Content-Type: application/json' -d '{"query":"status card"}'`;
  process.stdout.write(`Motif API listening on ${server.url} — gallery: ${server.url}/ (docs: ${server.url}/docs) — try: ${example}\n`);
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
