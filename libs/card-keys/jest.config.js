module.exports = { preset: '../../jest.preset.js', displayName: 'card-keys', rootDir: __dirname };
