// Browser modules import each other as './x.js' (what the browser loads); Jest resolves those to the .ts sources.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'gallery',
  rootDir: __dirname,
  moduleNameMapper: { ...require('../../jest.preset.js').moduleNameMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
};
