module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'civil-records',
  rootDir: __dirname,
};
