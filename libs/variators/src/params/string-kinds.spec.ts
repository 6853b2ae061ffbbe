import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import {
  isEmail,
  isHexColour,
  isUrl,
  isWellFormedJinja,
  STYLE_FILTERS,
  stringKindOf,
  varyEmail,
  varyHexColour,
  varyJinja,
  varyNumberInText,
  varyText,
  varyUrl,
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

  it('keeps a URL a parseable URL and changes it', () => {
    for (const rng of rngs(200)) {
      const src = 'https://status.example.com/api-gateway';
      const out = varyUrl(src, rng);
      expect(isUrl(out)).toBe(true);
      expect(() => new URL(out)).not.toThrow();
      expect(new URL(out).host).toBe('status.example.com');
      expect(out).not.toBe(src);
    }
  });

  it('keeps a hex colour a valid hex colour of the same length', () => {
    for (const rng of rngs(200)) {
      for (const src of ['#1a73e8', '#FFF', '#000000', '#ffffff']) {
        const out = varyHexColour(src, rng);
        expect(isHexColour(out)).toBe(true);
        expect(out).toHaveLength(src.length);
        expect(out.toLowerCase()).not.toBe(src.toLowerCase());
      }
    }
  });

  it('keeps an e-mail a valid e-mail on the same domain', () => {
    for (const rng of rngs(100)) {
      const out = varyEmail('on-call.team+old@example.co.uk', rng);
      expect(isEmail(out)).toBe(true);
      expect(out.endsWith('@example.co.uk')).toBe(true);
      expect(out).not.toBe('on-call.team+old@example.co.uk');
    }
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

  it('moves numbers inside text within ±20 %, keeping their decimals', () => {
    const prices = new Set<string>();
    for (const rng of rngs(200)) {
      const out = varyNumberInText('Total: $49.99 for 45 items', rng);
      expect(out).not.toBeNull();
      const m = /^Total: \$(\d+\.\d{2}) for (\d+) items$/.exec(out as string);
      expect(m).not.toBeNull();
      const [price, items] = [Number(m?.[1]), Number(m?.[2])];
      expect(price).toBeGreaterThanOrEqual(49.99 * 0.8 - 0.005);
      expect(price).toBeLessThanOrEqual(49.99 * 1.2 + 0.005);
      expect(items).toBeGreaterThanOrEqual(36);
      expect(items).toBeLessThanOrEqual(54);
      prices.add(out as string);
    }
    expect(prices.size).toBeGreaterThan(20);
    expect(varyNumberInText('no digits here', rngs(1)[0])).toBeNull();
    expect(varyNumberInText('only 1', rngs(1)[0])).toBeNull();
  });

  it('changes plain text but leaves HTML markup intact', () => {
    for (const rng of rngs(100)) {
      const plain = varyText('The office is closed on Monday', rng);
      expect(plain).not.toBe('The office is closed on Monday');
      expect(plain.length).toBeGreaterThan(0);
      const html = varyText('<b>Total</b> is <font color="#1a73e8">42 EUR</font>', rng);
      expect(html.match(/<[^>]*>/g)).toEqual(['<b>', '</b>', '<font color="#1a73e8">', '</font>']);
    }
  });
});
