module.exports = { preset: '../../jest.preset.js', displayName: 'http', rootDir: __dirname };
