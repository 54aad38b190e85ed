// mocha runs the TypeScript tests through ts-node (the types are checked by test/static-checks.test.ts),
// in one worker process more than the machine has cores (at most four): part of a test's time is
// spent waiting on processes it started (a restart, a lease running out), and a third file at a time
// keeps both cores of a small machine busy meanwhile. `exit`: a worker ends when its files are done,
// and the sandboxes it started stop with it (test/support/sandbox.ts).
// The tests open no TLS connection: without NODE_EXTRA_CA_CERTS (set on some machines, for a
// proxy's certificate), each of the hundreds of Node processes they start (the sandboxes, the CLI,
// the tour's commands) skips reading that file as it starts, about 80 ms each on a small machine.
delete process.env.NODE_EXTRA_CA_CERTS;

const os = require('node:os');

module.exports = {
  // workspace-links.js: says at once, with why, if a worker ever loads a package of ours through its link
  require: ['ts-node/register/transpile-only', './test/support/workspace-links.js'],
  extension: ['ts'],
  timeout: 30000,
  reporter: 'spec',
  parallel: true,
  jobs: Math.min(4, os.availableParallelism() + 1),
  exit: true,
};
