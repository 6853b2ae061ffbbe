module.exports = { ...require('../../jest.preset.js'), displayName: 'layering', rootDir: __dirname };
