module.exports = { ...require('../../jest.preset.js'), displayName: 'test-report', rootDir: __dirname };
