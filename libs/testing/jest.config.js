module.exports = { preset: '../../jest.preset.js', displayName: 'testing', rootDir: __dirname };
