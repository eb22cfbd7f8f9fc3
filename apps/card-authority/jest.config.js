const path = require('node:path');

// The card-keys global setup runs the shared one and prepares a temporary SoftHSM2 token
// directory for the PKCS#11 key store tests.
const cardKeysSupport = path.join(__dirname, '../../libs/card-keys/test/support');

module.exports = {
  preset: '../../jest.preset.js',
  displayName: 'card-authority',
  rootDir: __dirname,
  globalSetup: path.join(cardKeysSupport, 'global-setup.ts'),
  globalTeardown: path.join(cardKeysSupport, 'global-teardown.ts'),
};
