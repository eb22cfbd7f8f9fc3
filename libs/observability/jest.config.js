module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'observability',
  rootDir: __dirname,
};
