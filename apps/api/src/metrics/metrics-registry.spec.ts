import pino from 'pino';
import request from 'supertest';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApp } from '../app';
import { fakeConfig } from '../testing/fake-config';
import { escapeLabelValue, MetricsRegistry } from './metrics-registry';

/** Parses Prometheus text format lines into `name{labels}` → value, checking each line's grammar. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram))$/);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (\S+)$/.exec(line);
    expect(m).not.toBeNull();
    out.set(m![1], Number(m![2]));
  }
  return out;
}

describe('MetricsRegistry', () => {
  it('renders counters and cumulative histogram buckets with _sum and _count', async () => {
    const r = new MetricsRegistry();
    const c = r.counter('jobs_total', 'Jobs.', ['kind']);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    const h = r.histogram('lat_seconds', 'Latency.', ['route'], [0.1, 1]);
    h.observe({ route: '/x' }, 0.05);
    h.observe({ route: '/x' }, 0.5);
    h.observe({ route: '/x' }, 3);
    const m = parse(await r.render());
    expect(m.get('jobs_total{kind="a"}')).toBe(3);
    expect(m.get('lat_seconds_bucket{route="/x",le="0.1"}')).toBe(1);
    expect(m.get('lat_seconds_bucket{route="/x",le="1"}')).toBe(2);
    expect(m.get('lat_seconds_bucket{route="/x",le="+Inf"}')).toBe(3);
    expect(m.get('lat_seconds_count{route="/x"}')).toBe(3);
    expect(m.get('lat_seconds_sum{route="/x"}')).toBeCloseTo(3.55);
  });

  it('escapes label values and refuses bad names, negative increments and duplicates', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const r = new MetricsRegistry();
    expect(() => r.counter('bad-name', 'x')).toThrow();
    expect(() => r.counter('ok_total', 'x', ['__reserved'])).toThrow();
    const c = r.counter('ok_total', 'x');
    expect(() => c.inc({}, -1)).toThrow();
    expect(() => r.counter('ok_total', 'x')).toThrow(/already/);
  });

  it('skips a failing collector instead of failing the scrape', async () => {
    const r = new MetricsRegistry();
    r.counter('a_total', 'a').inc();
    r.addCollector(() => {
      throw new Error('backend down');
    });
    expect(parse(await r.render()).get('a_total')).toBe(1);
  });
});

describe('/metrics', () => {
  it('exposes latency per route pattern (not raw URL), request counts, and cache counters per tier', async () => {
    const service = new InMemoryPatternService();
    const app = createApp({ config: fakeConfig(), service }, { logger: pino({ level: 'silent' }) });
    const id = (await request(app).post('/v1/patterns').send({ description: 'd', dsl: '§[δ]' })).body.pattern.patternId;
    await request(app).post(`/v1/patterns/${id}/variations`).send({});
    await request(app).get(`/v1/patterns/${id}/variations`);
    await request(app).get(`/v1/patterns/${id}/variations`);
    await request(app).get('/v1/patterns/p_other');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parse(res.text);
    expect(m.get('http_requests_total{method="GET",route="/v1/patterns/:id/variations",status="200"}')).toBe(2);
    expect(m.get('http_request_duration_seconds_count{method="GET",route="/v1/patterns/:id",status="404"}')).toBe(1);
    expect(m.get('http_request_duration_seconds_bucket{method="POST",route="/v1/patterns",status="201",le="+Inf"}')).toBe(1);
    expect(res.text).not.toContain(id);
    expect(m.get('motif_cache_hits_total{tier="l1",backend="lru-cache"}')).toBe(2);
    expect(m.get('motif_cache_misses_total{tier="l2",backend="embedded"}')).toBe(1);
    expect(m.get('motif_patterns{backend="embedded"}')).toBe(1);
  });

  it('labels unmatched requests with one fixed route value', async () => {
    const app = createApp({ config: fakeConfig(), service: new InMemoryPatternService() }, { logger: pino({ level: 'silent' }) });
    await request(app).get('/random/scan/1');
    await request(app).get('/random/scan/2');
    const m = parse((await request(app).get('/metrics')).text);
    expect(m.get('http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(2);
  });
});
