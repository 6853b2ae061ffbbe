export * from './motif-runtime';
// createMotifContainer(config: MotifConfig): Promise<MotifRuntime> lands next (see issue 2).
