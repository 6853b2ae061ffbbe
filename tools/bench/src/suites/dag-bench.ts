import {
  ComponentGraph,
  DslCodec,
  StructureValidator,
  countNodes,
  loadCatalog,
  randomValidStructure,
  structureFromPaths,
  componentPathsOf,
  structureSimilarity,
  structureProfile,
  profileSimilarity,
} from '@motif/dag';
import type { Structure } from '@motif/core-types';
import type { BenchContext, BenchRow, BenchSuite } from '../bench-types';
import { seededUniform, throughput } from '../measure';

const SUITE = 'dag';
const TARGET = 100_000;

/** Realistic patterns: random valid Card/Section trees of 5–15 components (counts expanded). */
function corpus(graph: ComponentGraph, size: number): Structure[] {
  const next = seededUniform(20261124);
  const out: Structure[] = [];
  while (out.length < size) {
    const root = next() < 0.6 ? 'Section' : 'Card';
    const s = randomValidStructure(graph, next, { root, maxNodes: 15, maxDepth: 6, growth: 0.7 });
    const n = countNodes(s);
    if (n >= 5 && n <= 15) out.push(s);
  }
  return out;
}

export const dagBench: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const catalog = loadCatalog('google-chat-cards-v2');
    const graph = new ComponentGraph(catalog);
    const validator = new StructureValidator(graph);
    const codec = new DslCodec(catalog, graph);
    const structures = corpus(graph, ctx.quick ? 500 : 5000);
    const dsl = structures.map((s) => codec.format(s));
    const json = structures.map((s) => JSON.stringify(s));
    const paths = structures.map((s) => componentPathsOf(s));
    const n = structures.length;
    const avgNodes = structures.reduce((t, s) => t + countNodes(s), 0) / n;
    ctx.log(`corpus: ${n} structures, ${avgNodes.toFixed(1)} components on average, e.g. ${dsl[0]} / ${dsl[1]}`);
    for (let i = 0; i < n; i++) {
      if (!validator.validate(codec.parse(dsl[i])).valid) throw new Error(`corpus structure ${dsl[i]} does not validate`);
    }
    const ms = ctx.quick ? 300 : 2000;
    let sink = 0;
    // Warm both paths before timing so the JIT treats them alike.
    throughput((i) => validator.validate(codec.parse(dsl[i % n])), 200);
    throughput((i) => JSON.parse(json[i % n]), 200);

    const baseline = throughput((i) => {
      sink += (JSON.parse(json[i % n]) as unknown[]).length;
    }, ms).opsPerSec;
    const parseValidate = throughput((i) => {
      if (validator.validate(codec.parse(dsl[i % n])).valid) sink++;
    }, ms).opsPerSec;
    const parseOnly = throughput((i) => {
      sink += codec.parse(dsl[i % n]).length;
    }, ms).opsPerSec;
    const parsed = dsl.map((d) => codec.parse(d));
    const validateOnly = throughput((i) => {
      if (validator.validate(parsed[i % n]).valid) sink++;
    }, ms).opsPerSec;
    const jsonValidate = throughput((i) => {
      if (validator.validate(JSON.parse(json[i % n]) as Structure).valid) sink++;
    }, ms).opsPerSec;
    const fromPaths = throughput((i) => {
      sink += structureFromPaths(paths[i % n], graph).structure.length;
    }, ms).opsPerSec;
    const profiles = parsed.map((p) => structureProfile(p));
    const similarity = throughput((i) => {
      sink += profileSimilarity(profiles[i % n], profiles[(i * 7 + 3) % n]);
    }, ms).opsPerSec;
    const similarityCold = throughput((i) => {
      sink += structureSimilarity(parsed[i % n], parsed[(i * 7 + 3) % n]);
    }, ms).opsPerSec;
    const format = throughput((i) => {
      sink += codec.format(parsed[i % n]).length;
    }, ms).opsPerSec;
    if (sink === -1) ctx.log('unreachable');

    const base = { suite: SUITE, unit: 'structures/s', baselineName: 'JSON.parse of the same structures', baselineValue: Math.round(baseline) };
    const row = (name: string, value: number, extra: Partial<BenchRow> = {}): BenchRow => ({
      ...base,
      name,
      value: Math.round(value),
      ratio: Math.round((value / baseline) * 100) / 100,
      ...extra,
    });
    const note = `${n} random valid patterns, 5–15 components (avg ${avgNodes.toFixed(1)}); higher is better`;
    return [
      row('DSL parse + validate', parseValidate, { target: `>= ${TARGET}/s`, pass: parseValidate >= TARGET, note }),
      row('DSL parse only', parseOnly, { note }),
      row('validate only (parsed tree)', validateOnly, { note }),
      row('JSON.parse + validate (structure input)', jsonValidate, { note }),
      row('componentPaths → tree (structureFromPaths, validated)', fromPaths, { note }),
      row('format (canonical compact DSL)', format, { note }),
      row('profileSimilarity (profiles precomputed, pairwise over a set)', similarity, { unit: 'pairs/s', note }),
      row('structureSimilarity (profiles both sides each call)', similarityCold, { unit: 'pairs/s', note }),
    ];
  },
};
