export * from './motif-config';
export * from './load-config';
