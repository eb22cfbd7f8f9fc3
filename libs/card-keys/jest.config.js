const path = require('node:path');

// The global setup also prepares a temporary SoftHSM2 token directory for the PKCS#11 tests.
module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'card-keys',
  rootDir: __dirname,
  globalSetup: path.join(__dirname, 'test/support/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'test/support/global-teardown.ts'),
};
