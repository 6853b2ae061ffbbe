import type { BatchVariationsResult, CardsV2Message, CatalogDescription, InstancePattern, MotifStats, Page, ParsedStructure, PatternVariation, SearchResponse, StoreResult, VariationFamily } from '@motif/core-types';
import type { z } from 'zod';
import type { LivenessResponse, ReadinessResponse } from './response-schemas';

/*
 * Example bodies of the OpenAPI document, one per documented response schema (by component name; `Name@status`
 * where one status answers differently). They are real responses of the service (one status card stored, varied,
 * searched and rendered), trimmed: the catalog shows four of its components. Typed against the domain types, and
 * the spec parses each with its response schema.
 */
const PATTERN: InstancePattern = {
  patternId: "p_e0e5e07e9c36ce7ba2b05622",
  namespace: "default",
  catalogId: "google-chat-cards-v2",
  tree: [
    {
      component: "Section",
      params: {},
      children: [
        {component: "DecoratedText", params: {text: "Online", topLabel: "api-gateway"}, field: "widgets"},
        {
          component: "ButtonList",
          params: {},
          field: "widgets",
          children: [
            {
              component: "Button",
              params: {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
              field: "buttons",
            },
            {
              component: "Button",
              params: {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
              field: "buttons",
            },
          ],
        },
      ],
    },
  ],
  structure: [
    {
      component: "Section",
      children: [
        {component: "DecoratedText", field: "widgets"},
        {component: "ButtonList", field: "widgets", children: [{component: "Button", count: 2, field: "buttons"}]},
      ],
    },
  ],
  componentPaths: ["Section", "DecoratedText", "ButtonList", "Button", "Button"],
  instanceParams: {
    items: [{text: "Online", topLabel: "api-gateway"}],
    buttons: [
      {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
      {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
    ],
  },
  description: "Server status card with an online label and refresh/details buttons",
  dslNotation: "§[δ, Ƀ[ᵬ×2]]",
  contentFeedback: "positive",
  formFeedback: "positive",
  feedback: "positive",
  feedbackCounts: {content: {positive: 1, negative: 0}, form: {positive: 1, negative: 0}, lastVoteAt: "2026-12-02T13:44:59.317Z"},
  metadata: {},
  tags: ["status"],
  createdAt: "2026-12-02T13:44:59.317Z",
  updatedAt: "2026-12-02T13:44:59.317Z",
};

const storeResult: StoreResult = {pattern: PATTERN, created: true, repairs: []};

const patternPage: Page<InstancePattern> = {items: [PATTERN], nextCursor: null};

const searchResponse: SearchResponse = {
  mode: "hybrid",
  namespace: "default",
  results: [
    {
      pattern: PATTERN,
      score: 0.6406437977564625,
      explanation: {
        signals: {
          description: {rank: 1, score: 0.29647329449653625},
          params: {rank: 1, score: 0},
          lexical: {rank: 1, score: 9.999999974752427e-07},
        },
        relevance: 0.8000000000000002,
        feedbackPrior: 0.8008047471955779,
        rrfK: 60,
      },
    },
  ],
  tookMs: 162.2,
};

const variationFamily: VariationFamily = {
  parentId: "p_e0e5e07e9c36ce7ba2b05622",
  namespace: "default",
  sourcePattern: PATTERN,
  variations: [
    {
      variationId: "p_e0e5e07e9c36ce7ba2b05622:v0",
      variationType: "original",
      index: 0,
      tree: [
        {
          component: "Section",
          params: {},
          children: [
            {component: "DecoratedText", params: {text: "Online", topLabel: "api-gateway"}, field: "widgets"},
            {
              component: "ButtonList",
              params: {},
              field: "widgets",
              children: [
                {
                  component: "Button",
                  params: {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
                  field: "buttons",
                },
                {
                  component: "Button",
                  params: {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
                  field: "buttons",
                },
              ],
            },
          ],
        },
      ],
      structure: [
        {
          component: "Section",
          children: [
            {component: "DecoratedText", field: "widgets"},
            {component: "ButtonList", field: "widgets", children: [{component: "Button", count: 2, field: "buttons"}]},
          ],
        },
      ],
      componentPaths: ["Section", "DecoratedText", "ButtonList", "Button", "Button"],
      instanceParams: {
        items: [{text: "Online", topLabel: "api-gateway"}],
        buttons: [
          {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
          {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
        ],
      },
      parentId: "p_e0e5e07e9c36ce7ba2b05622",
      dslNotation: "§[δ, Ƀ[ᵬ×2]]",
      cacheKey: "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v0",
      operations: [],
    },
    {
      variationId: "p_e0e5e07e9c36ce7ba2b05622:v1",
      variationType: "parameter",
      index: 1,
      tree: [
        {
          component: "Section",
          params: {},
          children: [
            {component: "DecoratedText", params: {text: "Online", topLabel: "API-GATEWAY"}, field: "widgets"},
            {
              component: "ButtonList",
              params: {},
              field: "widgets",
              children: [
                {
                  component: "Button",
                  params: {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh-83"}}},
                  field: "buttons",
                },
                {
                  component: "Button",
                  params: {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
                  field: "buttons",
                },
              ],
            },
          ],
        },
      ],
      structure: [
        {
          component: "Section",
          children: [
            {component: "DecoratedText", field: "widgets"},
            {component: "ButtonList", field: "widgets", children: [{component: "Button", count: 2, field: "buttons"}]},
          ],
        },
      ],
      componentPaths: ["Section", "DecoratedText", "ButtonList", "Button", "Button"],
      instanceParams: {
        items: [{text: "Online", topLabel: "API-GATEWAY"}],
        buttons: [
          {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh-83"}}},
          {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
        ],
      },
      parentId: "p_e0e5e07e9c36ce7ba2b05622",
      dslNotation: "§[δ, Ƀ[ᵬ×2]]",
      cacheKey: "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v1",
      operations: ["param text items[0].topLabel", "param url buttons[0].onClick.openLink.url"],
    },
    {
      variationId: "p_e0e5e07e9c36ce7ba2b05622:v2",
      variationType: "structure",
      index: 2,
      tree: [
        {
          component: "Section",
          params: {},
          children: [
            {component: "DecoratedText", params: {text: "Online", topLabel: "api-gateway"}, field: "widgets"},
            {
              component: "ButtonList",
              params: {},
              field: "widgets",
              children: [
                {
                  component: "Button",
                  params: {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
                  field: "buttons",
                },
              ],
            },
          ],
        },
      ],
      structure: [
        {
          component: "Section",
          children: [
            {component: "DecoratedText", field: "widgets"},
            {component: "ButtonList", field: "widgets", children: [{component: "Button", field: "buttons"}]},
          ],
        },
      ],
      componentPaths: ["Section", "DecoratedText", "ButtonList", "Button"],
      instanceParams: {
        items: [{text: "Online", topLabel: "api-gateway"}],
        buttons: [{text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}}],
      },
      parentId: "p_e0e5e07e9c36ce7ba2b05622",
      dslNotation: "§[δ, Ƀ[ᵬ]]",
      cacheKey: "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v2",
      operations: [
        "remove-optional Button ×2→×1 at Section > widgets[1] ButtonList > buttons[0]",
        "list-follows-count buttons 2→1",
      ],
    },
    {
      variationId: "p_e0e5e07e9c36ce7ba2b05622:v3",
      variationType: "combined",
      index: 3,
      tree: [
        {
          component: "Section",
          params: {},
          children: [{component: "DecoratedText", params: {text: "Online", topLabel: "api-gateway"}, field: "widgets"}],
        },
      ],
      structure: [{component: "Section", children: [{component: "DecoratedText", field: "widgets"}]}],
      componentPaths: ["Section", "DecoratedText"],
      instanceParams: {items: [{text: "Online", topLabel: "api-gateway"}, {text: "Online", topLabel: "api-gateway"}], buttons: []},
      parentId: "p_e0e5e07e9c36ce7ba2b05622",
      dslNotation: "§[δ]",
      cacheKey: "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v3",
      operations: [
        "remove-optional ButtonList at Section > widgets[1]",
        "list-follows-count buttons 2→0",
        "param duplicate items",
      ],
    },
  ],
  cacheKeys: [
    "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v0",
    "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v1",
    "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v2",
    "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v3",
  ],
  seed: "docs",
  options: {structure: 1, parameter: 1},
  diversity: {distinctStructures: 3, edgeCoverage: 0.071429, meanPairwiseDistance: 0.397222},
  engineVersion: "1.0.0",
  shortfall: 0,
};

const patternVariation: PatternVariation = {
  variationId: "p_e0e5e07e9c36ce7ba2b05622:v2",
  variationType: "structure",
  index: 2,
  tree: [
    {
      component: "Section",
      params: {},
      children: [
        {component: "DecoratedText", params: {text: "Online", topLabel: "api-gateway"}, field: "widgets"},
        {
          component: "ButtonList",
          params: {},
          field: "widgets",
          children: [
            {
              component: "Button",
              params: {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
              field: "buttons",
            },
          ],
        },
      ],
    },
  ],
  structure: [
    {
      component: "Section",
      children: [
        {component: "DecoratedText", field: "widgets"},
        {component: "ButtonList", field: "widgets", children: [{component: "Button", field: "buttons"}]},
      ],
    },
  ],
  componentPaths: ["Section", "DecoratedText", "ButtonList", "Button"],
  instanceParams: {
    items: [{text: "Online", topLabel: "api-gateway"}],
    buttons: [{text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}}],
  },
  parentId: "p_e0e5e07e9c36ce7ba2b05622",
  dslNotation: "§[δ, Ƀ[ᵬ]]",
  cacheKey: "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v2",
  operations: ["remove-optional Button ×2→×1 at Section > widgets[1] ButtonList > buttons[0]", "list-follows-count buttons 2→1"],
};

const batchVariations: BatchVariationsResult = {
  variations: [
    {
      variationId: "p_e0e5e07e9c36ce7ba2b05622:v1",
      variationType: "parameter",
      index: 1,
      tree: [
        {
          component: "Section",
          params: {},
          children: [
            {component: "DecoratedText", params: {text: "Online", topLabel: "API-GATEWAY"}, field: "widgets"},
            {
              component: "ButtonList",
              params: {},
              field: "widgets",
              children: [
                {
                  component: "Button",
                  params: {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh-83"}}},
                  field: "buttons",
                },
                {
                  component: "Button",
                  params: {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
                  field: "buttons",
                },
              ],
            },
          ],
        },
      ],
      structure: [
        {
          component: "Section",
          children: [
            {component: "DecoratedText", field: "widgets"},
            {component: "ButtonList", field: "widgets", children: [{component: "Button", count: 2, field: "buttons"}]},
          ],
        },
      ],
      componentPaths: ["Section", "DecoratedText", "ButtonList", "Button", "Button"],
      instanceParams: {
        items: [{text: "Online", topLabel: "API-GATEWAY"}],
        buttons: [
          {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh-83"}}},
          {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
        ],
      },
      parentId: "p_e0e5e07e9c36ce7ba2b05622",
      dslNotation: "§[δ, Ƀ[ᵬ×2]]",
      cacheKey: "motif:1:default:variation:p_e0e5e07e9c36ce7ba2b05622:v1",
      operations: ["param text items[0].topLabel", "param url buttons[0].onClick.openLink.url"],
    },
  ],
  missing: [],
};

const cardsV2Message: CardsV2Message = {
  cardsV2: [
    {
      cardId: "p_e0e5e07e9c36ce7ba2b05622",
      card: {
        sections: [
          {
            widgets: [
              {decoratedText: {text: "Online", topLabel: "api-gateway"}},
              {
                buttonList: {
                  buttons: [
                    {text: "Refresh", onClick: {openLink: {url: "https://status.example.com/refresh"}}},
                    {text: "Details", onClick: {openLink: {url: "https://status.example.com/api-gateway"}}},
                  ],
                },
              },
            ],
          },
        ],
      },
    },
  ],
};

const parsedStructure: ParsedStructure = {
  structure: [
    {
      component: "Section",
      children: [
        {component: "DecoratedText", field: "widgets"},
        {component: "ButtonList", field: "widgets", children: [{component: "Button", count: 2, field: "buttons"}]},
      ],
    },
  ],
  componentPaths: ["Section", "DecoratedText", "ButtonList", "Button", "Button"],
  dsl: "§[δ, Ƀ[ᵬ×2]]",
  expanded: "Section[DecoratedText, ButtonList[Button×2]]",
  validation: {valid: true, issues: []},
  repairs: [],
};

const stats: MotifStats = {
  store: {
    backend: "embedded",
    patterns: 1,
    families: 1,
    embedder: {id: "hashing-v1:words+c3:stem+stop:384", dimension: 384},
    location: "/home/motif/.local/share/motif/motif.db",
  },
  cache: {
    tiers: [
      {
        tier: "l1",
        backend: "lru-cache",
        state: "up",
        hits: 2,
        misses: 0,
        hitRatio: 1,
        evictions: 0,
        errors: 0,
        entries: 5,
        bytes: 11331,
        latency: {p50: 22.75, p95: 745.49, p99: 745.49, unit: "us"},
      },
      {
        tier: "l2",
        backend: "embedded",
        state: "up",
        hits: 0,
        misses: 0,
        hitRatio: 0,
        evictions: 0,
        errors: 0,
        entries: 5,
        latency: {p50: 372.59, p95: 401.56, p99: 401.56, unit: "us"},
      },
    ],
  },
  catalog: {id: "google-chat-cards-v2", components: 26, edges: 46},
};

const catalog: CatalogDescription = {
  id: "google-chat-cards-v2",
  version: "2.1.0",
  name: "Google Chat cards v2",
  roots: ["Card", "Section", "Message"],
  acyclic: true,
  components: [
    {
      name: "Section",
      symbol: "§",
      children: [
        "DecoratedText",
        "TextParagraph",
        "Image",
        "Divider",
        "ButtonList",
        "Grid",
        "Columns",
        "SelectionInput",
        "TextInput",
        "DateTimePicker",
        "ChipList",
        "Carousel",
        "CollapseControl",
      ],
      parameters: {
        header: {type: "string"},
        collapsible: {type: "boolean", presentation: true},
        uncollapsibleWidgetsCount: {type: "integer", min: 0, presentation: true},
        id: {type: "string"},
      },
    },
    {
      name: "DecoratedText",
      symbol: "δ",
      children: ["Icon", "Button", "SwitchControl"],
      parameters: {
        text: {type: "string", required: true},
        topLabel: {type: "string"},
        bottomLabel: {type: "string"},
        wrapText: {type: "boolean", presentation: true},
        onClick: {
          type: "object",
          properties: {
            action: {
              type: "object",
              properties: {
                function: {type: "string", required: true, min: 1},
                parameters: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {key: {type: "string", required: true}, value: {type: "string", required: true}},
                  },
                },
                loadIndicator: {type: "enum", values: ["SPINNER", "NONE"]},
                persistValues: {type: "boolean"},
                interaction: {type: "enum", values: ["INTERACTION_UNSPECIFIED", "OPEN_DIALOG"]},
                requiredWidgets: {type: "array", items: {type: "string"}},
                allWidgetsAreRequired: {type: "boolean"},
              },
            },
            openLink: {
              type: "object",
              properties: {
                url: {type: "url", required: true},
                openAs: {type: "enum", values: ["FULL_SIZE", "OVERLAY"]},
                onClose: {type: "enum", values: ["NOTHING", "RELOAD"]},
              },
            },
            openDynamicLinkAction: {
              type: "object",
              properties: {
                function: {type: "string", required: true, min: 1},
                parameters: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {key: {type: "string", required: true}, value: {type: "string", required: true}},
                  },
                },
                loadIndicator: {type: "enum", values: ["SPINNER", "NONE"]},
                persistValues: {type: "boolean"},
                interaction: {type: "enum", values: ["INTERACTION_UNSPECIFIED", "OPEN_DIALOG"]},
                requiredWidgets: {type: "array", items: {type: "string"}},
                allWidgetsAreRequired: {type: "boolean"},
              },
            },
            card: {type: "object"},
            overflowMenu: {
              type: "object",
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      text: {type: "string", required: true},
                      onClick: {type: "object"},
                      startIcon: {type: "object"},
                      disabled: {type: "boolean"},
                    },
                  },
                  minItems: 1,
                },
              },
            },
          },
          oneOf: ["action", "openLink", "openDynamicLinkAction", "card", "overflowMenu"],
        },
        startIconVerticalAlignment: {type: "enum", values: ["VERTICAL_ALIGNMENT_UNSPECIFIED", "TOP", "MIDDLE", "BOTTOM"], presentation: true},
        topLabelText: {type: "object"},
        contentText: {type: "object"},
        bottomLabelText: {type: "object"},
        icon: {type: "object"},
      },
    },
    {name: "ButtonList", symbol: "Ƀ", children: ["Button"], parameters: {}},
    {
      name: "Button",
      symbol: "ᵬ",
      children: ["Icon"],
      parameters: {
        text: {type: "string"},
        onClick: {
          type: "object",
          required: true,
          properties: {
            action: {
              type: "object",
              properties: {
                function: {type: "string", required: true, min: 1},
                parameters: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {key: {type: "string", required: true}, value: {type: "string", required: true}},
                  },
                },
                loadIndicator: {type: "enum", values: ["SPINNER", "NONE"]},
                persistValues: {type: "boolean"},
                interaction: {type: "enum", values: ["INTERACTION_UNSPECIFIED", "OPEN_DIALOG"]},
                requiredWidgets: {type: "array", items: {type: "string"}},
                allWidgetsAreRequired: {type: "boolean"},
              },
            },
            openLink: {
              type: "object",
              properties: {
                url: {type: "url", required: true},
                openAs: {type: "enum", values: ["FULL_SIZE", "OVERLAY"]},
                onClose: {type: "enum", values: ["NOTHING", "RELOAD"]},
              },
            },
            openDynamicLinkAction: {
              type: "object",
              properties: {
                function: {type: "string", required: true, min: 1},
                parameters: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {key: {type: "string", required: true}, value: {type: "string", required: true}},
                  },
                },
                loadIndicator: {type: "enum", values: ["SPINNER", "NONE"]},
                persistValues: {type: "boolean"},
                interaction: {type: "enum", values: ["INTERACTION_UNSPECIFIED", "OPEN_DIALOG"]},
                requiredWidgets: {type: "array", items: {type: "string"}},
                allWidgetsAreRequired: {type: "boolean"},
              },
            },
            card: {type: "object"},
            overflowMenu: {
              type: "object",
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      text: {type: "string", required: true},
                      onClick: {type: "object"},
                      startIcon: {type: "object"},
                      disabled: {type: "boolean"},
                    },
                  },
                  minItems: 1,
                },
              },
            },
          },
          oneOf: ["action", "openLink", "openDynamicLinkAction", "card", "overflowMenu"],
        },
        color: {
          type: "object",
          properties: {
            red: {type: "number", min: 0, max: 1},
            green: {type: "number", min: 0, max: 1},
            blue: {type: "number", min: 0, max: 1},
            alpha: {type: "number", min: 0, max: 1},
          },
          presentation: true,
        },
        disabled: {type: "boolean"},
        type: {
          type: "enum",
          values: ["TYPE_UNSPECIFIED", "OUTLINED", "FILLED", "FILLED_TONAL", "BORDERLESS"],
          presentation: true,
        },
        altText: {type: "string"},
      },
    },
  ],
};

const readiness: z.output<typeof ReadinessResponse> = {
  ready: true,
  degraded: [],
  components: [
    {name: "store:embedded", state: "up"},
    {name: "cache:l1:lru-cache", state: "up"},
    {name: "cache:l2:embedded", state: "up"},
  ],
};

const notReady: z.output<typeof ReadinessResponse> = {
  ready: false,
  degraded: ["cache:l2:redis"],
  components: [
    {name: "store:embedded", state: "up"},
    {name: "cache:l1:lru-cache", state: "up"},
    {name: "cache:l2:redis", state: "down", detail: "connect ECONNREFUSED 127.0.0.1:6379"},
  ],
};

const liveness: z.output<typeof LivenessResponse> = { status: 'ok' };

/** Example JSON bodies by response component name (`RouteResponseDoc.body.name`), or `Name@status`. */
export const RESPONSE_EXAMPLES: Readonly<Record<string, unknown>> = {
  InstancePattern: PATTERN,
  StoreResult: storeResult,
  PatternPage: patternPage,
  SearchResponse: searchResponse,
  VariationFamily: variationFamily,
  PatternVariation: patternVariation,
  BatchVariations: batchVariations,
  CardsV2Message: cardsV2Message,
  ParsedStructure: parsedStructure,
  Stats: stats,
  Catalog: catalog,
  Readiness: readiness,
  'Readiness@503': notReady,
  Liveness: liveness,
};

/** Example bodies of responses that are not JSON, by media type. */
export const TEXT_EXAMPLES: Readonly<Record<string, string>> = {
  'text/plain': '# HELP http_requests_total HTTP requests answered, by route pattern.\n# TYPE http_requests_total counter\nhttp_requests_total{method="POST",route="/v1/search",status="200"} 42\n# HELP motif_cache_hits_total Cache hits per tier.\n# TYPE motif_cache_hits_total counter\nmotif_cache_hits_total{tier="l1"} 17\n',
  'text/html': '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Motif</title></head><body>…</body></html>\n',
  'text/javascript': 'export function renderCard(card, options) { … }\n',
};
