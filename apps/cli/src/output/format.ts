import type { CatalogDescription, FeedbackLabel, InstancePattern, MotifStats, ParsedStructure, PatternVariation, SearchHit, StructureIssue, VariationFamily } from '@motif/core-types';
import type { Colors } from './printer';
import { formatTable } from './table';

/** Pure renderers of results for people. `--json` bypasses all of these. */

export const labelText = (label: FeedbackLabel, c: Colors): string =>
  label === 'positive' ? c.green('positive') : label === 'negative' ? c.red('negative') : c.dim('unrated');

const kv = (rows: Array<[string, string]>, c: Colors): string => {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${c.dim(k.padEnd(w))}  ${v}`).join('\n') + '\n';
};

export function formatPattern(p: InstancePattern, c: Colors): string {
  const counts = p.feedbackCounts;
  return kv(
    [
      ['id', c.bold(p.patternId)],
      ['description', p.description],
      ['dsl', p.dslNotation],
      ['components', p.componentPaths.join(', ')],
      ['feedback', `${labelText(p.feedback, c)} (content +${counts.content.positive}/-${counts.content.negative}, form +${counts.form.positive}/-${counts.form.negative})`],
      ['namespace', p.namespace],
      ['catalog', p.catalogId],
      ...(p.tags.length ? [['tags', p.tags.join(', ')] as [string, string]] : []),
      ...(Object.keys(p.metadata).length ? [['metadata', JSON.stringify(p.metadata)] as [string, string]] : []),
      ['params', JSON.stringify(p.instanceParams)],
      ['created', p.createdAt],
      ['updated', p.updatedAt],
    ],
    c,
  );
}

export function formatPatternTable(items: readonly InstancePattern[], c: Colors, width: number): string {
  if (items.length === 0) return c.dim('no patterns') + '\n';
  return formatTable(
    items,
    [
      { header: 'ID', value: (p) => p.patternId },
      { header: 'FEEDBACK', value: (p) => p.feedback ?? 'unrated', style: (s, p) => (p.feedback === 'positive' ? c.green(s) : p.feedback === 'negative' ? c.red(s) : c.dim(s)) },
      { header: 'DSL', value: (p) => p.dslNotation, flex: true },
      { header: 'DESCRIPTION', value: (p) => p.description, flex: true },
    ],
    width,
    c.bold,
  );
}

const explainText = (h: SearchHit): string => {
  const e = h.explanation;
  if (!e) return '';
  const signals = Object.entries(e.signals).map(([name, s]) => `${name}#${s!.rank}`);
  if (e.structural) signals.push(`structure ${e.structural.score.toFixed(2)}`);
  return `${signals.join(' ')} rel ${e.relevance.toFixed(2)} prior ${e.feedbackPrior.toFixed(2)}`;
};

export function formatHits(hits: readonly SearchHit[], c: Colors, width: number, explain: boolean): string {
  if (hits.length === 0) return c.dim('no matches') + '\n';
  return formatTable(
    hits.map((h, i) => ({ h, rank: i + 1 })),
    [
      { header: '#', value: (r) => String(r.rank), align: 'right' },
      { header: 'SCORE', value: (r) => r.h.score.toFixed(3), align: 'right' },
      { header: 'ID', value: (r) => r.h.pattern.patternId },
      { header: 'FEEDBACK', value: (r) => r.h.pattern.feedback ?? 'unrated' },
      { header: 'DSL', value: (r) => r.h.pattern.dslNotation, flex: true },
      { header: 'DESCRIPTION', value: (r) => r.h.pattern.description, flex: true },
    ],
    width,
    c.bold,
  ) + (explain ? `${c.bold('why')}\n` + hits.map((h, i) => `${String(i + 1).padStart(String(hits.length).length)}  ${explainText(h)}`).join('\n') + '\n' : '');
}

export function formatVariations(variations: readonly PatternVariation[], c: Colors, width: number): string {
  return formatTable(
    variations,
    [
      { header: '#', value: (v) => String(v.index), align: 'right' },
      { header: 'TYPE', value: (v) => v.variationType },
      { header: 'DSL', value: (v) => v.dslNotation, flex: true },
      { header: 'CHANGES', value: (v) => (v.operations.length ? v.operations.join('; ') : '—'), flex: true },
    ],
    width,
    c.bold,
  );
}

export function formatFamily(f: VariationFamily, c: Colors, width: number): string {
  const d = f.diversity;
  const filter = filterLine(f);
  return (
    `${c.bold(`Family of ${f.parentId}`)}: ${f.variations.length} variations (seed ${f.seed}, engine ${f.engineVersion})\n` +
    formatVariations(f.variations, c, width) +
    c.dim(`diversity: ${d.distinctStructures} distinct structures, edge coverage ${(d.edgeCoverage * 100).toFixed(1)}%, mean distance ${d.meanPairwiseDistance.toFixed(3)}`) +
    '\n' +
    (filter ? c.dim(filter) + '\n' : '')
  );
}

/** What the validity filter refused on the way, by reason (nonzero only), and how many wanted variations are missing. */
export function filterLine(f: Pick<VariationFamily, 'rejected' | 'shortfall'>): string | undefined {
  const reasons = Object.entries(f.rejected?.reasons ?? {}).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`);
  const shortfall = f.shortfall ? `; ${f.shortfall} fewer than asked (no more distinct valid variations found)` : '';
  if (!f.rejected?.total && !shortfall) return undefined;
  return `filter: ${f.rejected?.total ?? 0} candidates refused${reasons.length ? ` (${reasons.join(', ')})` : ''}${shortfall}`;
}

export function formatVariation(v: PatternVariation, c: Colors): string {
  return kv(
    [
      ['variation', c.bold(v.variationId)],
      ['type', v.variationType],
      ['dsl', v.dslNotation],
      ['changes', v.operations.length ? v.operations.join('; ') : '—'],
      ['params', JSON.stringify(v.instanceParams)],
      ['cache key', v.cacheKey],
    ],
    c,
  );
}

export function formatIssues(issues: readonly StructureIssue[], c: Colors): string {
  return issues.map((i) => `  ${c.red(i.code)} at ${i.path}: ${i.message}${i.fix ? c.dim(` (fix: ${i.fix})`) : ''}`).join('\n') + (issues.length ? '\n' : '');
}

export function formatParsed(p: ParsedStructure, c: Colors): string {
  const head = kv(
    [
      ['dsl', p.dsl],
      ['expanded', p.expanded],
      ['components', p.componentPaths.join(', ')],
      ['valid', p.validation.valid ? c.green('yes') : c.red(`no (${p.validation.issues.length} issue${p.validation.issues.length === 1 ? '' : 's'})`)],
      ...(p.repairs.length ? [['repairs', p.repairs.join('; ')] as [string, string]] : []),
    ],
    c,
  );
  return head + formatIssues(p.validation.issues, c);
}

export function formatStats(s: MotifStats, c: Colors, width: number): string {
  const store = kv(
    [
      ['backend', s.store.backend],
      ['patterns', String(s.store.patterns)],
      ['families', String(s.store.families)],
      ['embedder', `${s.store.embedder.id} (${s.store.embedder.dimension}-d)`],
      ['location', s.store.location],
      ['catalog', `${s.catalog.id}: ${s.catalog.components} components, ${s.catalog.edges} edges`],
    ],
    c,
  );
  const tiers = formatTable(
    s.cache.tiers,
    [
      { header: 'TIER', value: (t) => t.tier },
      { header: 'BACKEND', value: (t) => t.backend },
      { header: 'STATE', value: (t) => t.state, style: (x, t) => (t.state === 'up' ? c.green(x) : t.state === 'disabled' ? c.dim(x) : c.yellow(x)) },
      { header: 'HITS', value: (t) => String(t.hits), align: 'right' },
      { header: 'MISSES', value: (t) => String(t.misses), align: 'right' },
      { header: 'HIT%', value: (t) => (t.hitRatio * 100).toFixed(1), align: 'right' },
      { header: 'ENTRIES', value: (t) => (t.entries === undefined ? '—' : String(t.entries)), align: 'right' },
      { header: 'P99', value: (t) => `${t.latency.p99}${t.latency.unit === 'us' ? 'µs' : ''}`, align: 'right' },
    ],
    width,
    c.bold,
  );
  return `${c.bold('Store')}\n${store}\n${c.bold('Cache')}\n${tiers}`;
}

export function formatCatalog(cat: CatalogDescription, c: Colors, width: number): string {
  return (
    `${c.bold(cat.name)} (${cat.id} v${cat.version}): ${cat.components.length} components, roots ${cat.roots.join(', ')}\n` +
    formatTable(
      cat.components,
      [
        { header: 'SYMBOL', value: (x) => x.symbol },
        { header: 'COMPONENT', value: (x) => x.name },
        { header: 'CHILDREN', value: (x) => (x.children.length ? x.children.join(', ') : '—'), flex: true },
      ],
      width,
      c.bold,
    )
  );
}

export function formatComponent(comp: CatalogDescription['components'][number], c: Colors): string {
  return kv(
    [
      ['component', c.bold(comp.name)],
      ['symbol', comp.symbol],
      ['children', comp.children.length ? comp.children.join(', ') : '—'],
      ['parameters', Object.keys(comp.parameters).length ? JSON.stringify(comp.parameters, null, 2).replace(/\n/g, '\n' + ' '.repeat(12)) : '—'],
    ],
    c,
  );
}
