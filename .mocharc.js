// mocha runs the TypeScript tests through ts-node (types are checked separately by `tsc --noEmit`).
module.exports = {
  require: ['ts-node/register/transpile-only'],
  extension: ['ts'],
  timeout: 30000,
  reporter: 'spec',
};
