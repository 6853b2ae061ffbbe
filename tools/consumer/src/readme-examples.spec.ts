import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { libraryExamples, openingCodeBlock, readText, readmeOpensWith } from './readme-examples';
import { publishablePackages } from './workspace-packages';

const root = join(__dirname, '..', '..', '..');

describe('README examples', () => {
  it('finds the opening code block only before the first section', () => {
    expect(openingCodeBlock('# x\n\nintro\n\n```ts\nconst a = 1;\n```\n\n## More\n```sh\nls\n```\n')).toEqual({ lang: 'ts', code: 'const a = 1;\n' });
    expect(openingCodeBlock('# x\n\n## Install\n\n```ts\nconst a = 1;\n```\n')).toBeUndefined();
    expect(openingCodeBlock('# x\n\nno code\n')).toBeUndefined();
    expect(readmeOpensWith('# x\n```ts\nconst a = 1;\n```\n', '\nconst a = 1;\n\n')).toBe(true);
    expect(readmeOpensWith('# x\n```ts\nconst a = 2;\n```\n', 'const a = 1;')).toBe(false);
    expect(readmeOpensWith('# x\n```js\nconst a = 1;\n```\n', 'const a = 1;')).toBe(false);
  });

  // The consumer test (consumer.int.spec.ts) type-checks and runs these files in an outside project,
  // so a README that opens with one of them cannot show code that does not run.
  it.each(publishablePackages(root).filter((p) => p.dir.startsWith('libs/')).map((p) => [p.name, p.dir]))(
    '%s: README.md opens with one of its examples/*.ts, verbatim, and links the API reference',
    (_name, dir) => {
      const readmePath = join(root, dir, 'README.md');
      expect(existsSync(readmePath)).toBe(true);
      const readme = readText(readmePath);
      const examplesDir = join(root, dir, 'examples');
      const files = existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => f.endsWith('.ts')) : [];
      expect(files.length).toBeGreaterThan(0);
      expect(files.filter((f) => readmeOpensWith(readme, readText(join(examplesDir, f))))).toHaveLength(1);
      expect(readme).toMatch(/\]\((\.\.\/)+docs\/api\/[^)]*\)/);
    },
  );

  it('lists every library example for the consumer test', () => {
    const examples = libraryExamples(root);
    expect(examples).toEqual(expect.arrayContaining([
      { lib: 'dag', file: 'parse-and-validate.ts' },
      { lib: 'variators', file: 'vary-a-pattern.ts' },
      { lib: 'patterns', file: 'store-search-render.ts' },
    ]));
  });
});
