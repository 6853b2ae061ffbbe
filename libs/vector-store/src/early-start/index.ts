// `@motif/vector-store/early-start`: what a command may start before it loads the rest of Motif. Requiring it
// loads nothing of Motif (no schemas, no zod): see embedding/use-lite-early-start.ts and compile-cache.ts.
export { startUseLiteModelEarly } from '../embedding/use-lite-early-start';
export { compileCacheDir, compileCacheEntries, enableCompileCache, saveCompileCache, type CompileCacheEntry, type CompileCacheOptions } from './compile-cache';
