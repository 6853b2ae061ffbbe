// `@motif/vector-store/early-start`: what a command may start before it loads the rest of Motif. Requiring it
// loads nothing of Motif (no schemas, no zod): see embedding/use-lite-early-start.ts.
export { startUseLiteModelEarly } from '../embedding/use-lite-early-start';
