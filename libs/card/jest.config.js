module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'card',
  rootDir: __dirname,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
