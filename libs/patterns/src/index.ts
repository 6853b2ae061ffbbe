export * from './motif-runtime';
export * from './create-motif-container';
export * from './patterns-module';
export * from './pattern-service';
export * from './structure-deriver';
export * from './pattern-identity';
export * from './canonical-json';
export * from './testing/in-memory-pattern-service';
