import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import {
  isWellFormedJinja,
  STYLE_FILTERS,
  stringKindOf,
  varyJinja,
} from './string-kinds';

const rngs = (n: number) => Array.from({ length: n }, (_, i) => new SeededRandomSourceFactory().create(`kinds-${i}`));

describe('string kinds', () => {
  it('recognises each kind', () => {
    expect(stringKindOf("{{ 'Online' | success_text | bold }}")).toBe('jinja');
    expect(stringKindOf('https://status.example.com/refresh')).toBe('url');
    expect(stringKindOf('#1a73e8')).toBe('color');
    expect(stringKindOf('#FFF')).toBe('color');
    expect(stringKindOf('ops@example.com')).toBe('email');
    expect(stringKindOf('Design review')).toBe('text');
    expect(stringKindOf('example.com')).toBe('text');
  });

  it('keeps a Jinja style expression well-formed, varying only its filters among the allowed ones', () => {
    const src = "{{ 'Online' | success_text | bold }}";
    const seen = new Set<string>();
    for (const rng of rngs(300)) {
      const out = varyJinja(src, rng);
      expect(isWellFormedJinja(out)).toBe(true);
      expect(out).toContain("'Online'");
      const filters = out.replace(/^\{\{\s*'Online'\s*/, '').replace(/\s*\}\}$/, '').split('|').map((f) => f.trim()).filter(Boolean);
      for (const f of filters) expect(STYLE_FILTERS).toContain(f);
      seen.add(out);
    }
    expect(seen.has(src)).toBe(false);
    expect(seen.size).toBeGreaterThan(4);
  });

  it('varies one expression inside surrounding text and keeps every expression well-formed', () => {
    const src = "Status: {{ 'OK' | info_text }} and {{ 'late' | warning_text | italic }}!";
    for (const rng of rngs(100)) {
      const out = varyJinja(src, rng);
      expect(out.startsWith('Status: ')).toBe(true);
      expect(out.match(/\{\{[^}]*\}\}/g)?.every(isWellFormedJinja)).toBe(true);
      expect(out).not.toBe(src);
    }
  });
});
