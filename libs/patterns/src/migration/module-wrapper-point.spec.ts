import { readModuleWrapperPoint } from './module-wrapper-point';

describe('readModuleWrapperPoint', () => {
  const payload = { type: 'instance_pattern', card_description: 'Status', parent_paths: ['Section', 'DecoratedText'], instance_params: { text: 'Up' } };

  it('reads a bare payload and a scroll-API point alike, keeping the point id', () => {
    const bare = readModuleWrapperPoint(payload);
    const point = readModuleWrapperPoint({ id: 7, payload, vector: { inputs: [0.1] } });
    if (!bare.ok || !point.ok) throw new Error('expected both to read');
    expect(point.draft).toEqual({ ...bare.draft, kept: { pointId: 7 } });
    expect(point.report.recomputed).toContain('vector');
    expect(bare.draft).toMatchObject({ description: 'Status', componentPaths: ['Section', 'DecoratedText'], instanceParams: { text: 'Up' }, tags: ['module-wrapper'] });
  });

  it('reads a naive Python timestamp as UTC and keeps an explicit offset', () => {
    const naive = readModuleWrapperPoint({ ...payload, timestamp: '2026-01-31T09:12:44.512311' });
    const zoned = readModuleWrapperPoint({ ...payload, timestamp: '2026-01-31T09:12:44+02:00' });
    expect(naive.ok && naive.draft.createdAt).toBe('2026-01-31T09:12:44.512Z');
    expect(zoned.ok && zoned.draft.createdAt).toBe('2026-01-31T07:12:44.000Z');
  });

  it('refuses a bad value field by field and still reads the line', () => {
    const r = readModuleWrapperPoint({ ...payload, form_feedback: 3, timestamp: 'yesterday', component_paths: 'Section' });
    expect(r.ok).toBe(true);
    expect(r.report.refused.map((x) => x.field)).toEqual(['component_paths', 'form_feedback', 'timestamp']);
  });

  it('applies the legacy feedback label to both dimensions only when neither is set', () => {
    const legacy = readModuleWrapperPoint({ ...payload, feedback: 'negative' });
    const mirrored = readModuleWrapperPoint({ ...payload, feedback: 'positive', content_feedback: 'positive' });
    expect(legacy.ok && [legacy.draft.contentFeedback, legacy.draft.formFeedback]).toEqual(['negative', 'negative']);
    expect(mirrored.ok && [mirrored.draft.contentFeedback, mirrored.draft.formFeedback]).toEqual(['positive', undefined]);
    expect(mirrored.report.recomputed).toContain('feedback');
  });

  it.each([
    ['a non-object line', [1, 2], /JSON object/],
    ['a class point', { type: 'class', name: 'Button' }, /type "class"/],
    ['a line without structure', { card_description: 'x', instance_params: { text: 'y' } }, /no structure/],
  ])('refuses %s as a whole line', (_, raw, reason) => {
    const r = readModuleWrapperPoint(raw);
    expect(r.ok).toBe(false);
    expect(r.report.refused).toEqual([{ field: '(line)', reason: expect.stringMatching(reason) }]);
  });
});
