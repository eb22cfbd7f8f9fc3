module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'reference-data',
  rootDir: __dirname,
};
