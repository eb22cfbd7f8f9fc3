module.exports = { preset: '../../jest.preset.js', displayName: 'auth', rootDir: __dirname };
