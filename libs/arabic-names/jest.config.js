module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'arabic-names',
  rootDir: __dirname,
};
