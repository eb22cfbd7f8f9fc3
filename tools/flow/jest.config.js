module.exports = { preset: '../../jest.preset.js', displayName: 'flow', rootDir: __dirname };
