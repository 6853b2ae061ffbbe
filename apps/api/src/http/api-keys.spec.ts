import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError } from '@motif/core-types';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
import { timingSafeEqual } from 'node:crypto';
import { ApiKeyRing, denial, sha256 } from './api-keys';

const compare = timingSafeEqual as jest.MockedFunction<typeof timingSafeEqual>;
let dir: string;
const file = (content: unknown): string => {
  const path = join(dir, `keys-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const hex = (key: string) => sha256(key).toString('hex');

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'motif-keyfile-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ApiKeyRing', () => {
  it('compares the presented key’s digest with every entry in constant time, not stopping at a match', () => {
    const ring = ApiKeyRing.from({
      apiKey: 'single-all-access',
      apiKeysFile: file({ keys: { [hex('k-one-00000')]: { namespaces: ['a'], roles: ['read'] }, [hex('k-two-00000')]: { name: 'two', namespaces: ['*'], roles: ['write', 'read'] } } }),
    });
    compare.mockClear();
    expect(ring?.authenticate('single-all-access')).toMatchObject({ name: 'MOTIF_API_KEY', namespaces: '*', role: 'admin' });
    expect(compare).toHaveBeenCalledTimes(3);
    for (const [a, b] of compare.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    compare.mockClear();
    expect(ring?.authenticate('k-two-00000')).toMatchObject({ name: 'two', namespaces: '*', role: 'write' });
    expect(ring?.authenticate('k-one-00000')?.name).toMatch(/^key [0-9a-f]{8}…$/);
    expect(ring?.authenticate('nope')).toBeUndefined();
    expect(ring?.authenticate(undefined)).toBeUndefined();
    expect(compare).toHaveBeenCalledTimes(9);
  });

  it('is off with neither MOTIF_API_KEY nor MOTIF_API_KEYS', () => {
    expect(ApiKeyRing.from({})).toBeUndefined();
  });

  it('refuses a key file that is missing, not JSON, or not the documented shape, naming where', () => {
    const refuse = (path: string): MotifError => {
      try {
        ApiKeyRing.from({ apiKeysFile: path });
      } catch (e) {
        expect(e).toBeInstanceOf(MotifError);
        expect((e as MotifError).code).toBe('CONFIG_INVALID');
        return e as MotifError;
      }
      throw new Error('expected CONFIG_INVALID');
    };
    expect(refuse(join(dir, 'absent.json')).message).toContain('cannot read the API key file');
    expect(refuse(file('{nope')).message).toContain('MOTIF_API_KEYS');
    const shape = refuse(file({ keys: { 'plain-text-key': { namespaces: ['a'], roles: ['read'] }, [hex('x')]: { namespaces: [], roles: ['root'] } } }));
    expect(shape.fieldErrors.map((f) => f.path)).toEqual(expect.arrayContaining(['/keys/plain-text-key', `/keys/${hex('x')}/namespaces`, `/keys/${hex('x')}/roles/0`]));
  });
});

describe('the key file example of apps/api/README.md', () => {
  it('loads, and its documented keys authenticate as documented', () => {
    const readme = jest.requireActual<typeof import('node:fs')>('node:fs').readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const example = /## Authentication[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const ring = ApiKeyRing.from({ apiKeysFile: file(example as string) });
    expect(ring?.authenticate('team-a-ci-key-change-me')).toMatchObject({ name: 'team-a CI', role: 'write', namespaces: new Set(['team-a']) });
    expect(ring?.authenticate('dashboards-key-change-me')).toMatchObject({ name: 'dashboards', role: 'read' });
    expect(ring?.authenticate('ops-key-change-me')).toMatchObject({ name: 'ops', role: 'admin', namespaces: '*' });
  });
});

describe('denial', () => {
  const reader = { name: 'r', namespaces: new Set(['a']), role: 'read' as const };
  it('lets each role do what the roles below it do, within its namespaces', () => {
    expect(denial(reader, 'read', 'a')).toBeUndefined();
    expect(denial(reader, 'write', 'a')).toContain("needs 'write'");
    expect(denial(reader, 'read', 'b')).toContain("may not use namespace 'b'");
    expect(denial({ ...reader, role: 'admin' }, 'write', 'a')).toBeUndefined();
    expect(denial({ ...reader, namespaces: '*' }, 'read', 'anything')).toBeUndefined();
    expect(denial(reader, 'read', undefined)).toBeUndefined();
  });
});
