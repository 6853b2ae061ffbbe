module.exports = { ...require('../../jest.preset.js'), displayName: 'core-types', rootDir: __dirname };
