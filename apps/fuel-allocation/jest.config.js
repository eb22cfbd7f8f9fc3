module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'fuel-allocation',
  rootDir: __dirname,
};
