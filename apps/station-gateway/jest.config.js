module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'station-gateway',
  rootDir: __dirname,
};
