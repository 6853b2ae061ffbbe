module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'vector-store',
  rootDir: __dirname,
  // TensorFlow.js keeps its engine on the global object for the life of the process, by design; Jest's clean-up of
  // globals between test files (soft deletion, then warnings on access) recursed through it until the stack ran out
  // and crashed the worker after the model's spec files had all passed.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};
