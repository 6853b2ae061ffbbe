export * from './motif-error';
