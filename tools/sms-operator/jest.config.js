module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'sms-operator',
  rootDir: __dirname,
};
