module.exports = { preset: '../../jest.preset.js', displayName: 'messaging', rootDir: __dirname };
