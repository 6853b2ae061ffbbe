import { readSkips, resetSkips, summarizeSkips } from './skip-log';

// `node print-skips.js --reset` before the projects run; `node print-skips.js` after them: the last line of npm test.
if (process.argv.includes('--reset')) {
  resetSkips();
} else {
  const line = summarizeSkips(readSkips());
  process.stdout.write(`\n${line ?? 'No test was skipped.'}\n`);
  resetSkips();
}
