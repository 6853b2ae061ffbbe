module.exports = { ...require('../../jest.preset.js'), displayName: 'fault', rootDir: __dirname };
