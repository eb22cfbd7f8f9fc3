module.exports = { preset: '../../jest.preset.js', displayName: 'contracts', rootDir: __dirname };
