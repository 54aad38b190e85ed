// mocha runs the TypeScript tests through ts-node (the types are checked by test/static-checks.test.ts),
// in two worker processes at once: most of a test's time is spent waiting on processes it started,
// so two files at a time keep both cores of a small machine busy. `exit`: a worker ends when its
// files are done, and the sandboxes it started stop with it (test/support/sandbox.ts).
module.exports = {
  require: ['ts-node/register/transpile-only'],
  extension: ['ts'],
  timeout: 30000,
  reporter: 'spec',
  parallel: true,
  jobs: 2,
  exit: true,
};
