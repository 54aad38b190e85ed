// mocha runs the TypeScript tests through ts-node, as the services run (protos/register.js); types are
// checked separately by `tsc --noEmit`.
module.exports = {
  require: [require('node:path').join(__dirname, 'protos', 'register.js')],
  extension: ['ts'],
  timeout: 30000,
  reporter: 'spec',
};
