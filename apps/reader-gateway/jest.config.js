module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'reader-gateway',
  rootDir: __dirname,
};
