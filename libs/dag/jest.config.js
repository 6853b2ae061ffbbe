module.exports = { ...require('../../jest.preset.js'), displayName: 'dag', rootDir: __dirname };
