module.exports = { ...require('../../jest.preset.js'), displayName: 'vector-store', rootDir: __dirname };
