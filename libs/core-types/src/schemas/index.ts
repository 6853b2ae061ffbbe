export * from './limits';
export * from './pattern-input';
export * from './requests';
export * from './parse-input';
export * from './json-depth';
