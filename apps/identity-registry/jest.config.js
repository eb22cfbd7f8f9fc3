module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'identity-registry',
  rootDir: __dirname,
};
