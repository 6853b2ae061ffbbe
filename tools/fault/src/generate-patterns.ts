/** Deterministic, realistic and varied Google Chat card patterns for long fault runs (no randomness: line i is always the same). */

const SUBJECTS = ['Server status', 'Deployment', 'Order', 'Invoice', 'Incident', 'Build', 'Ticket', 'Meeting', 'Approval request', 'Shipment', 'Alert', 'Survey'];
const DETAILS = ['with a green online label', 'showing the latest price', 'with refresh and details buttons', 'listing CPU, memory and disk usage', 'with an approve/reject choice', 'with the assignee avatar', 'with a link to the dashboard', 'with a short summary and a date'];
const STRUCTURES: ReadonlyArray<{ dsl: string; params: (i: number) => Record<string, unknown> }> = [
  { dsl: '§[δ]', params: (i) => ({ text: `Status ${i % 97}`, topLabel: `svc-${i % 31}` }) },
  { dsl: '§[δ, Ƀ[ᵬ×2]]', params: (i) => ({ text: `Order #${i}`, buttons: [{ text: 'Open', url: `https://shop.example.com/o/${i}` }, { text: 'Track', url: `https://shop.example.com/t/${i}` }] }) },
  { dsl: '§[δ×3, Ƀ[ᵬ]]', params: (i) => ({ items: [{ text: `CPU: ${i % 100}%` }, { text: `Memory: ${(i * 7) % 100}%` }, { text: `Disk: ${(i * 13) % 100}%` }], buttons: [{ text: 'View', url: `https://grafana.example.com/d/${i % 50}` }] }) },
  { dsl: '§[δ×2]', params: (i) => ({ items: [{ text: `Due ${1 + (i % 28)} March` }, { text: `Amount $${(i % 1000) + 0.99}` }] }) },
  { dsl: '§[Ƀ[ᵬ×3]]', params: (i) => ({ buttons: ['Approve', 'Reject', 'Later'].map((t) => ({ text: t, url: `https://flow.example.com/${i}/${t.toLowerCase()}` })) }) },
];
const FEEDBACK = [undefined, undefined, 'positive', 'negative'] as const;

/** The pattern on line `i` (0-based): the description carries `i`, so every line is a distinct pattern. */
export function generatePattern(i: number): Record<string, unknown> {
  const s = STRUCTURES[i % STRUCTURES.length];
  const feedback = FEEDBACK[i % FEEDBACK.length];
  return {
    description: `${SUBJECTS[i % SUBJECTS.length]} card ${DETAILS[(i >> 2) % DETAILS.length]} (#${i})`,
    dsl: s.dsl,
    instanceParams: s.params(i),
    tags: [`team-${i % 9}`, SUBJECTS[i % SUBJECTS.length].toLowerCase().replace(/\s+/g, '-')],
    metadata: { source: 'fault-run', shard: i % 16 },
    ...(feedback ? { feedback } : {}),
  };
}

/** JSONL text of lines `[from, to)`. */
export function generateJsonl(from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += JSON.stringify(generatePattern(i)) + '\n';
  return out;
}
