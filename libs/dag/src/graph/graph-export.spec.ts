import { loadCatalog } from '../catalog/load-catalog';
import { ComponentGraph } from './component-graph';
import { graphToDot, graphToMermaid } from './graph-export';

const graph = new ComponentGraph(loadCatalog('google-chat-cards-v2'));

describe('graph export', () => {
  it('writes DOT with every component, edge and wrapper rule', () => {
    const dot = graphToDot(graph);
    expect(dot.startsWith('digraph "google-chat-cards-v2" {')).toBe(true);
    expect(dot).toContain('"Section" [label="§ Section", peripheries=2];');
    expect(dot).toContain('"Columns" -> "Column" [label="columnItems 1..2"];');
    expect(dot).toContain('"ButtonList" -> "Button" [label="buttons 1..n"];');
    expect(dot).toContain('"Button" -> "ButtonList" [style=dashed');
    expect(dot.match(/ -> /g)).toHaveLength(46 + 5);
  });

  it('writes a Mermaid flowchart', () => {
    const m = graphToMermaid(graph);
    expect(m.split('\n')[0]).toBe('flowchart LR');
    expect(m).toContain('(["© Card"])');
    expect(m).toMatch(/-->\|"header 0\.\.1"\|/);
    expect(m.match(/-->/g)).toHaveLength(46);
  });
});
