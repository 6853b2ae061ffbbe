export * from './lifecycle';
export * from './clock';
export * from './random-source';
export * from './embedder';
export * from './pattern-store';
export * from './cache';
export * from './pattern-service';
