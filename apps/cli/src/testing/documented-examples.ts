/** One `motif …` example as documented: where it is, its command line, and the exit code its comment promises. */
export interface DocumentedExample {
  /** `motif <command path> --help` or the README's path. */
  source: string;
  line: string;
  /** From a trailing comment such as `# … exit code 2`; else the example must succeed. */
  exitCode?: number;
}

/** One command of a shell line, and how it connects to its neighbours. */
export interface PipelineStep {
  command: string;
  /** Reads the previous command's stdout (`a | b`). */
  pipedIn: boolean;
  /** Followed by `||`: documented as allowed to fail (but not as a usage error). */
  mayFail: boolean;
}

/** Scans `line` outside quotes; `onChar` returns how many characters it consumed there (0 = not a match). */
function scan(line: string, onChar: (i: number) => number): void {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    const used = onChar(i);
    if (used > 0) i += used - 1;
  }
}

/** The line without its trailing `# comment`, and the comment. */
export function splitComment(line: string): { code: string; comment: string } {
  let at = -1;
  scan(line, (i) => (at < 0 && line[i] === '#' && (i === 0 || /\s/.test(line[i - 1])) ? ((at = i), 1) : 0));
  return at < 0 ? { code: line.trim(), comment: '' } : { code: line.slice(0, at).trim(), comment: line.slice(at + 1).trim() };
}

/** `a | b && c || d > f` → its commands; a redirect ends the command (its target is not run). */
export function splitPipeline(line: string): PipelineStep[] {
  const parts: Array<{ text: string; sep: string }> = [];
  let start = 0;
  scan(line, (i) => {
    const two = line.slice(i, i + 2);
    const sep = two === '||' || two === '&&' ? two : line[i] === '|' || line[i] === '>' || line[i] === ';' ? line[i] : '';
    if (sep === '') return 0;
    parts.push({ text: line.slice(start, i), sep });
    start = i + sep.length;
    return sep.length;
  });
  parts.push({ text: line.slice(start), sep: '' });
  const steps: PipelineStep[] = [];
  let previousSep = '';
  for (const part of parts) {
    if (previousSep === '>') {
      previousSep = part.sep;
      continue;
    }
    steps.push({ command: part.text.trim(), pipedIn: previousSep === '|', mayFail: part.sep === '||' });
    previousSep = part.sep;
  }
  return steps.filter((s) => s.command !== '');
}

/** POSIX-shell words: single quotes literal, double quotes with `\` escapes, `\` outside quotes. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < command.length && command[j] !== '"'; j++) text += command[j] === '\\' && j + 1 < command.length ? command[++j] : command[j];
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < command.length) {
      word = (word ?? '') + command[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const exitCodeOf = (comment: string): number | undefined => {
  const m = /\bexit(?: code)? (\d+)/.exec(comment);
  return m ? Number(m[1]) : undefined;
};

/** The `$ motif …` lines of a help text's `Examples:` block. */
export function helpExamples(help: string, source: string): DocumentedExample[] {
  const out: DocumentedExample[] = [];
  let inExamples = false;
  for (const raw of help.split('\n')) {
    if (/^\S/.test(raw)) inExamples = /^Examples:/.test(raw);
    const m = inExamples ? /^\s+\$ (motif\b.*)$/.exec(raw) : null;
    if (!m) continue;
    const { code, comment } = splitComment(m[1]);
    out.push({ source, line: code, exitCode: exitCodeOf(comment) });
  }
  return out;
}

/** The subcommands a help text lists under `Commands:` (not `help`). */
export function subcommands(help: string): string[] {
  const out: string[] = [];
  let inCommands = false;
  for (const raw of help.split('\n')) {
    if (/^\S/.test(raw)) inCommands = /^Commands:/.test(raw);
    const m = inCommands ? /^ {2}([a-z][a-z-]*)\b/.exec(raw) : null;
    if (m && m[1] !== 'help') out.push(m[1]);
  }
  return out;
}

/** `motif …` lines in a Markdown file's fenced code blocks (`npx motif`, `npm run motif --` and `$ ` prefixes too). */
export function markdownExamples(markdown: string, source: string): DocumentedExample[] {
  const out: DocumentedExample[] = [];
  let fenced = false;
  for (const raw of markdown.split('\n')) {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    const m = fenced ? /^\s*(?:\$ )?(?:npx motif|npm run motif --|motif)( .*|)$/.exec(raw) : null;
    if (!m) continue;
    const { code, comment } = splitComment(`motif${m[1]}`);
    out.push({ source, line: code, exitCode: exitCodeOf(comment) });
  }
  return out;
}

/** Every example of `motif --help`, of each command's help (recursively), and of the given Markdown files. */
export async function collectExamples(help: (path: string[]) => Promise<string>, markdown: ReadonlyArray<{ file: string; text: string }>): Promise<DocumentedExample[]> {
  const out: DocumentedExample[] = [];
  const visit = async (path: string[]): Promise<void> => {
    const text = await help(path);
    out.push(...helpExamples(text, ['motif', ...path, '--help'].join(' ')));
    for (const sub of subcommands(text)) await visit([...path, sub]);
  };
  await visit([]);
  for (const { file, text } of markdown) out.push(...markdownExamples(text, file));
  return out;
}
