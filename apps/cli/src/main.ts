import { processIo } from './cli-io';
import { run } from './run';

// `motif export | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
  // Stdout drains first; a connection left open by a backend must not keep the command alive.
  setTimeout(() => process.exit(code), 2000).unref();
});
