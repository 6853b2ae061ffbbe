module.exports = { ...require('../../jest.preset.js'), displayName: 'bundle-cli', rootDir: __dirname };
