import pino from 'pino';
import request from 'supertest';
import type { RecommendRequest, SearchRequest } from '@motif/core-types';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApp } from '../app';
import { fakeConfig } from '../testing/fake-config';

/** Records what the routes hand the service: the schema's output, and the namespace beside it. */
class RecordingService extends InMemoryPatternService {
  readonly calls: Array<{ method: string; input: unknown; namespace: string | undefined }> = [];

  override async search(request: SearchRequest, namespace?: string) {
    this.calls.push({ method: 'search', input: request, namespace });
    return super.search(request, namespace);
  }

  override async recommend(request: RecommendRequest, namespace?: string) {
    this.calls.push({ method: 'recommend', input: request, namespace });
    return super.recommend(request, namespace);
  }

  override async list(query: Parameters<InMemoryPatternService['list']>[0], namespace?: string) {
    this.calls.push({ method: 'list', input: query, namespace });
    return super.list(query, namespace);
  }

  override async randomVariation(id: string, query: Parameters<InMemoryPatternService['randomVariation']>[1], namespace?: string) {
    this.calls.push({ method: 'randomVariation', input: query, namespace });
    return super.randomVariation(id, query, namespace);
  }
}

const build = (service: RecordingService) => createApp({ config: fakeConfig({}), service }, { logger: pino({ level: 'silent' }) });

describe('routes parse once and hand the service what the schema produced', () => {
  it('search: defaults applied, the filter normalised, the namespace beside the request (never in it)', async () => {
    const service = new RecordingService();
    const res = await request(build(service)).post('/v1/search?namespace=team-a').send({ query: 'status', filter: { feedback: 'positive' } });
    expect(res.status).toBe(200);
    expect(service.calls).toEqual([
      { method: 'search', input: { query: 'status', limit: 10, filter: { feedback: ['positive'] }, mode: 'hybrid', explain: false }, namespace: 'team-a' },
    ]);
  });

  it('list and random variation: query strings arrive coerced and parsed, namespace removed from the query', async () => {
    const service = new RecordingService();
    const app = build(service);
    const { pattern } = await service.store({ description: 'status', dsl: '§[δ]' }, 'team-a');
    await service.generateVariations(pattern.patternId, { structure: 1, parameter: 0, force: false }, 'team-a');
    expect((await request(app).get('/v1/patterns?limit=5&tag=x&namespace=team-a')).status).toBe(200);
    expect((await request(app).get(`/v1/patterns/${pattern.patternId}/variations/random?type=structure&seed=s&namespace=team-a`)).status).toBe(200);
    expect(service.calls).toEqual([
      { method: 'list', input: { limit: 5, tag: ['x'] }, namespace: 'team-a' },
      { method: 'randomVariation', input: { type: 'structure', seed: 's' }, namespace: 'team-a' },
    ]);
  });

  it('a request the schema refuses never reaches the service (400 naming the field)', async () => {
    const service = new RecordingService();
    const res = await request(build(service)).post('/v1/recommend').send({ positive: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/positive' })]);
    expect(service.calls).toEqual([]);
  });
});
