// `@motif/variators/testing`: fixtures and checks for specs and tools (never imported by shipped code).
export { chatCardsDag, chatCardsEngine } from './dag-fixture';
export { patternOf, patternOfTree, statusCard } from './pattern-fixture';
export { shippedExamples, EXAMPLES_DIR } from './shipped-examples';
export { cardProblems, messageProblems, type CardProblem } from './card-v2-rules';
export { inventedValues, orphanParams, type InventedValue } from './fact-audit';
export { randomValidCard } from './random-valid-card';
