module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'card-authority',
  rootDir: __dirname,
};
