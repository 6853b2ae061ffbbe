export * from './layering-rules';
export * from './workspace-scan';
