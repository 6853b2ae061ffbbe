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

/** `motif: error: <headline>` then one line per field error or structure issue, without repeating them. */
export function humanError(p: CliProblem, debugStack?: string): string {
  const issues = (p.issues ?? []) as Array<{ code: string; path: string; message: string; fix?: string }>;
  const strip = (detail: string, joined: string) => (joined && detail.endsWith(`: ${joined}`) ? detail.slice(0, -(joined.length + 2)) : detail);
  let headline = p.detail;
  const lines: string[] = [];
  if (issues.length) {
    // Structure issues say it all; the field errors of INVALID_STRUCTURE repeat them.
    headline = strip(headline, issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    lines.push(...issues.map((i) => `  ${i.code} at ${i.path}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ''}`));
  } else if (p.errors.length === 1 && headline.startsWith(`${p.errors[0].path}: `)) {
    // One field error the headline already states (a DSL error at /dsl, with its offset): say it once.
  } else if (p.errors.length) {
    headline = strip(headline, p.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    lines.push(...p.errors.map((e) => `  ${e.path}: ${e.message}`));
  }
  if (p.code === 'USAGE') lines.push('  (add --help for usage)');
  if (debugStack) lines.push(debugStack);
  return [`motif: error: ${headline}`, ...lines].join('\n') + '\n';
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
      // Commander's `error: …` gets the same `motif: error:` prefix as every other error.
      else io.stderr.write(message.replace(/^error: /, 'motif: error: '));
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
