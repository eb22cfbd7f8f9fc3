module.exports = { preset: '../jest.preset.js', displayName: 'infra', rootDir: __dirname };
