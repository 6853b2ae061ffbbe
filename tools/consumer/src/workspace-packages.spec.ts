import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishablePackages } from './workspace-packages';

describe('publishablePackages', () => {
  it('expands the root workspaces globs and leaves private packages and folders without a manifest out', () => {
    const root = mkdtempSync(join(tmpdir(), 'motif-ws-'));
    const pkg = (dir: string, manifest: object) => {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest));
    };
    writeFileSync(join(root, 'package.json'), JSON.stringify({ workspaces: ['libs/*', 'apps/*', 'tools/*', 'extra'] }));
    pkg('libs/b', { name: '@x/b', version: '1.0.0' });
    pkg('libs/a', { name: '@x/a', version: '1.0.0' });
    pkg('apps/cli', { name: '@x/cli', version: '2.0.0', bin: { x: 'bin/x.js' } });
    pkg('tools/bench', { name: '@x/bench', version: '0.0.0', private: true });
    mkdirSync(join(root, 'libs', 'empty'));
    pkg('extra', { name: 'extra', version: '0.1.0' });
    expect(publishablePackages(root).map((p) => [p.name, p.dir])).toEqual([
      ['@x/a', 'libs/a'], ['@x/b', 'libs/b'], ['@x/cli', 'apps/cli'], ['extra', 'extra'],
    ]);
  });

  it('finds this repository\'s libraries and apps', () => {
    const names = publishablePackages(join(__dirname, '..', '..', '..')).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['@motif/core-types', '@motif/dag', '@motif/variators', '@motif/patterns', '@motif/cli', '@motif/api']));
    expect(names.filter((n) => ['@motif/consumer', '@motif/bench', '@motif/layering'].includes(n))).toEqual([]);
  });
});
