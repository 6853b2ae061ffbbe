import { createColors } from 'picocolors';
import { writeAll, type CliIo } from '../cli-io';

export type Colors = ReturnType<typeof createColors>;

/**
 * The one way commands write results. In `--json` mode a command emits exactly one JSON document
 * on stdout and nothing else; in human mode it writes text, coloured only on a TTY.
 */
export class Printer {
  readonly colors: Colors;

  constructor(readonly io: CliIo, readonly json: boolean, colorFlag: boolean) {
    const allowed = colorFlag && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb';
    this.colors = createColors(allowed && !json && io.stdoutIsTTY);
  }

  get width(): number {
    return Math.max(40, this.io.columns);
  }

  /** The command's result: `value` as JSON, or the human rendering. */
  async result(value: unknown, human: () => string): Promise<void> {
    await writeAll(this.io.stdout, this.json ? JSON.stringify(value, null, 2) + '\n' : human());
  }
}
