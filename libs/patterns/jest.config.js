module.exports = { ...require('../../jest.preset.js'), displayName: 'patterns', rootDir: __dirname };
