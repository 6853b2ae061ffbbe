// Shared Jest setup: SWC transpiles TypeScript (type-checking is `tsc -b`, run by `npm test`)
// and the ESM-only Inversify 8 packages, which Jest's CommonJS runtime cannot load as-is.
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript' },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Every project's skipped tests go to the skip log, which `npm test` sums up in its last line
// (tools/test-report; built by `tsc -b`, which npm test runs first).
const skipReporter = path.join(__dirname, 'tools/test-report/dist/skip-reporter.js');
const reporters = require('node:fs').existsSync(skipReporter) ? ['default', skipReporter] : ['default'];

module.exports = {
  testEnvironment: 'node',
  reporters,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(inversify|@inversifyjs)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    // A subpath a package exports (`/testing`, `/early-start`) is its `src/<subpath>/index.ts`.
    '^@motif/([a-z-]+)/([a-z-]+)$': path.join(__dirname, 'libs/$1/src/$2/index.ts'),
    '^@motif/([a-z-]+)$': path.join(__dirname, 'libs/$1/src/index.ts'),
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
