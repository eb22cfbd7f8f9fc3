module.exports = { preset: '../../jest.preset.js', displayName: 'population', rootDir: __dirname };
