module.exports = { ...require('../../jest.preset.js'), displayName: 'variators', rootDir: __dirname };
