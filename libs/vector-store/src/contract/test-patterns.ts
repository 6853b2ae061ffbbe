import { emptyFeedbackCounts, type InstancePattern, type Structure } from '@motif/core-types';
import { expandedComponents } from '../structure/structure-features';

let clock = Date.parse('2026-01-01T00:00:00.000Z');

/** A valid InstancePattern for tests; createdAt increases with every call so list order is known. */
export function testPattern(overrides: Partial<InstancePattern> & { patternId: string; structure?: Structure }): InstancePattern {
  const structure: Structure = overrides.structure ?? [{ component: 'Section', children: [{ component: 'DecoratedText' }] }];
  const at = new Date((clock += 1000)).toISOString();
  return {
    namespace: 'default',
    catalogId: 'google-chat-cards-v2',
    tree: [],
    componentPaths: expandedComponents(structure),
    instanceParams: {},
    description: 'a card',
    dslNotation: '',
    feedback: null,
    contentFeedback: null,
    formFeedback: null,
    feedbackCounts: emptyFeedbackCounts(),
    metadata: {},
    tags: [],
    createdAt: at,
    updatedAt: at,
    ...overrides,
    structure,
  };
}

const S = (children: Structure): Structure => [{ component: 'Section', children }];

/** A small corpus with distinct descriptions, shapes and params. */
export const CORPUS = {
  status: () =>
    testPattern({
      patternId: 'status',
      description: 'Server status card with a green online label and refresh button',
      structure: S([{ component: 'DecoratedText' }, { component: 'ButtonList', children: [{ component: 'Button', count: 2 }] }]),
      dslNotation: '§[δ, Ƀ[ᵬ×2]]',
      instanceParams: { text: 'Online', topLabel: 'api-gateway', buttons: [{ text: 'Refresh' }, { text: 'Details' }] },
      tags: ['ops'],
      metadata: { team: 'sre', priority: 2, internal: true },
    }),
  gallery: () =>
    testPattern({
      patternId: 'gallery',
      description: 'Image gallery of product photos in a grid',
      structure: S([{ component: 'Grid', children: [{ component: 'GridItem', count: 6 }] }]),
      dslNotation: '§[ℊ[ǵ×6]]',
      instanceParams: { title: 'New arrivals', columnCount: 3 },
      tags: ['shop'],
      metadata: { team: 'shop', priority: 1, internal: false },
    }),
  expense: () =>
    testPattern({
      patternId: 'expense',
      description: 'Expense approval form with amount field, category dropdown and submit button',
      structure: S([{ component: 'TextInput' }, { component: 'SelectionInput' }, { component: 'ButtonList', children: [{ component: 'Button' }] }]),
      dslNotation: '§[τ, ◄, Ƀ[ᵬ]]',
      instanceParams: { amountLabel: 'Amount (EUR)', categoryOptions: ['Travel', 'Meals'], buttons: [{ text: 'Submit for approval' }] },
      tags: ['finance', 'forms'],
      metadata: { team: 'finance', priority: 2, internal: true },
    }),
  incident: () =>
    testPattern({
      patternId: 'incident',
      description: 'Incident alert in red with severity and acknowledge button',
      structure: S([{ component: 'DecoratedText', count: 2 }, { component: 'Divider' }, { component: 'ButtonList', children: [{ component: 'Button' }] }]),
      dslNotation: '§[δ×2, Đ, Ƀ[ᵬ]]',
      instanceParams: { text: 'SEV-1: checkout failing', service: 'checkout', buttons: [{ text: 'Acknowledge' }] },
      tags: ['ops'],
      metadata: { team: 'sre', priority: 1, internal: true },
    }),
  plans: () =>
    testPattern({
      patternId: 'plans',
      description: 'Two-column comparison of the free and pro plans',
      structure: S([{ component: 'Columns', children: [{ component: 'Column', count: 2, children: [{ component: 'TextParagraph' }] }] }]),
      dslNotation: '§[¢[ç[ʈ]×2]]',
      instanceParams: { left: { title: 'Free' }, right: { title: 'Pro' } },
      tags: [],
      metadata: { team: 'growth', priority: 3, internal: false },
    }),
};

export const corpus = (): InstancePattern[] => Object.values(CORPUS).map((make) => make());
