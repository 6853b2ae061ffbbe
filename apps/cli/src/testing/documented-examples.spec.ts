import { helpExamples, markdownExamples, shellWords, splitComment, splitPipeline, subcommands } from './documented-examples';

describe('extracting documented examples', () => {
  it('reads the $ motif lines of a help text\'s Examples block only, with the exit code a comment promises', () => {
    const help = [
      'Usage: motif dsl parse [options] <dsl>',
      '',
      '  $ motif not-an-example',
      'Examples:',
      "  $ motif dsl parse 'ᵬ×2'",
      "  $ motif dsl parse 'x' || echo invalid   # exit code 2",
      '  plain text',
      'Options:',
      '  $ motif options-are-not-examples',
    ].join('\n');
    expect(helpExamples(help, 'motif dsl parse --help')).toEqual([
      { source: 'motif dsl parse --help', line: "motif dsl parse 'ᵬ×2'", exitCode: undefined },
      { source: 'motif dsl parse --help', line: "motif dsl parse 'x' || echo invalid", exitCode: 2 },
    ]);
  });

  it('lists the subcommands of a help text, not help', () => {
    expect(subcommands('Usage: motif\n\nCommands:\n  store [options]  stores\n  dsl              DSL tools\n  help [command]   help\nOptions:\n  -h')).toEqual(['store', 'dsl']);
  });

  it('reads motif, npx motif and npm run motif -- lines inside fenced blocks only', () => {
    const md = [
      'motif outside a fence',
      '```bash',
      'motif list --json',
      '$ npx motif stats',
      'npm run motif -- search "a card"   # exit 0',
      'echo not motif',
      '```',
      'npx motif outside again',
    ].join('\n');
    expect(markdownExamples(md, 'README.md').map((e) => e.line)).toEqual(['motif list --json', 'motif stats', 'motif search "a card"']);
  });

  it('splits a comment off outside quotes only', () => {
    expect(splitComment("motif dsl parse '#x' # why")).toEqual({ code: "motif dsl parse '#x'", comment: 'why' });
    expect(splitComment('motif a#b')).toEqual({ code: 'motif a#b', comment: '' });
  });

  it('splits a shell line into commands: pipes feed stdin, || may fail, a redirect target is not run', () => {
    expect(splitPipeline("motif export | motif import - && motif x '|' || true > out.txt")).toEqual([
      { command: 'motif export', pipedIn: false, mayFail: false },
      { command: 'motif import -', pipedIn: true, mayFail: false },
      { command: "motif x '|'", pipedIn: false, mayFail: true },
      { command: 'true', pipedIn: false, mayFail: false },
    ]);
  });

  it('splits words as a POSIX shell does', () => {
    expect(shellWords(`motif search "a \\"b\\"" 'c d' e\\ f`)).toEqual(['motif', 'search', 'a "b"', 'c d', 'e f']);
  });
});
