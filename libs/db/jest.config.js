module.exports = { preset: '../../jest.preset.js', displayName: 'db', rootDir: __dirname };
