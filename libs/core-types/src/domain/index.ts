export * from './structure';
export * from './feedback';
export * from './pattern';
export * from './variation';
export * from './validation';
export * from './cache-key';
export * from './search';
export * from './stats';
