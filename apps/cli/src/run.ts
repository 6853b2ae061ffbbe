import { CommanderError } from 'commander';
import type { CliIo } from './cli-io';
import type { CliDeps } from './command-env';
import type { SignalSource } from './commands/system-commands';
import { EXIT, ExitSignal, isMotifErrorLike, UsageError } from './exit-codes';
import { buildProgram } from './program';

const PROBLEM_BASE = 'https://motif.dev/problems/';

export interface CliProblem {
  type: string;
  title: string;
  code: string;
  detail: string;
  exitCode: number;
  errors: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

/** The error as a problem object: what `--json` prints on stderr. */
export function cliProblem(error: unknown): CliProblem {
  if (isMotifErrorLike(error)) {
    return {
      type: PROBLEM_BASE + error.code.toLowerCase().replace(/_/g, '-'),
      title: error.title,
      code: error.code,
      detail: error.message,
      exitCode: error.exitCode,
      errors: error.fieldErrors.map((f) => ({ path: f.path, message: f.message })),
      ...(Array.isArray(error.details.issues) ? { issues: error.details.issues } : {}),
    };
  }
  if (error instanceof UsageError || error instanceof CommanderError) {
    return { type: PROBLEM_BASE + 'usage', title: 'Usage error', code: 'USAGE', detail: error.message.replace(/^error: /, '').trim(), exitCode: EXIT.USAGE, errors: [] };
  }
  return { type: PROBLEM_BASE + 'internal', title: 'Unexpected error', code: 'INTERNAL', detail: error instanceof Error ? error.message : String(error), exitCode: EXIT.UNEXPECTED, errors: [] };
}

function humanError(p: CliProblem, debugStack?: string): string {
  const lines = [`motif: error: ${p.detail}`];
  if (p.errors.length && !p.errors.every((e) => p.detail.includes(`${e.path}: ${e.message}`))) lines.push(...p.errors.map((e) => `  ${e.path}: ${e.message}`));
  const issues = (p.issues ?? []) as Array<{ code: string; path: string; message: string; fix?: string }>;
  lines.push(...issues.map((i) => `  ${i.code} at ${i.path}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ''}`));
  if (p.code === 'USAGE') lines.push('  (add --help for usage)');
  if (debugStack) lines.push(debugStack);
  return lines.join('\n') + '\n';
}

/**
 * Runs the CLI in-process: returns the exit code instead of exiting, writes only through `io`.
 * Exit codes: see exit-codes.ts and the README.
 */
export async function run(argv: readonly string[], io: CliIo, deps: CliDeps & { signals?: SignalSource } = {}): Promise<number> {
  const jsonMode = () => argv.includes('--json');
  const program = buildProgram(io, deps, {
    outputError: (message) => {
      if (jsonMode()) io.stderr.write(JSON.stringify(cliProblem(new UsageError(message))) + '\n');
      else io.stderr.write(message);
    },
    writeErr: (text) => {
      if (!jsonMode()) io.stderr.write(text);
    },
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.OK;
  } catch (error) {
    if (error instanceof ExitSignal) return error.exitCode;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return EXIT.USAGE; // commander already printed the message through outputError
    }
    const problem = cliProblem(error);
    const stack = io.env.MOTIF_DEBUG && error instanceof Error ? error.stack : undefined;
    io.stderr.write(jsonMode() ? JSON.stringify(problem) + '\n' : humanError(problem, problem.code === 'INTERNAL' ? stack : undefined));
    return problem.exitCode;
  }
}
