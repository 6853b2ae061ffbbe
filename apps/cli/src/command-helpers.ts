import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from './cli-io';
import { CommandEnv, type CliDeps } from './command-env';
import { UsageError } from './exit-codes';

export type Action<O, A extends unknown[]> = (env: CommandEnv, options: O, ...args: A) => Promise<void>;

/** Adapts a command body to commander's `(…args, options, command)` call shape. */
export function action<O, A extends unknown[]>(io: CliIo, deps: CliDeps, fn: Action<O, A>) {
  return async (...all: unknown[]): Promise<void> => {
    const command = all[all.length - 1] as Command;
    const options = all[all.length - 2] as O;
    await fn(new CommandEnv(io, deps, command), options, ...(all.slice(0, -2) as A));
  };
}

export function intArg(name: string, min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
}

export function floatArg(name: string, min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}`);
    return n;
  };
}

/** Repeatable and comma-separated: `--feedback positive --feedback unrated` or `--feedback positive,unrated`. */
export const collectList = (raw: string, previous: string[] = []): string[] => [...previous, ...raw.split(',').map((s) => s.trim()).filter(Boolean)];

export const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

const FEEDBACK_FILTER = ['positive', 'negative', 'unrated'];

/** `--feedback` filter labels: a wrong one is a usage error (exit 64), like any bad flag value. */
export function checkFeedbackFilter(labels: readonly string[] = []): void {
  for (const f of labels) if (!FEEDBACK_FILTER.includes(f)) throw new UsageError(`--feedback must be one of ${FEEDBACK_FILTER.join(', ')} (got '${f}')`);
}
