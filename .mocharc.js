// mocha runs the TypeScript tests as the sandbox's processes run TypeScript: their types stripped as
// each file loads (protos/register.js; the types are checked by test/static-checks.test.ts). Not
// through ts-node: each worker would load TypeScript's compiler, and ts-node's source maps made every
// stack trace a test's code asked for cost several milliseconds (a few CPU-seconds a run, in all).
// The tests run in one worker process more than the machine has cores (at most four): part of a test's time is
// spent waiting on processes it started (a restart, a lease running out), and a third file at a time
// keeps both cores of a small machine busy meanwhile. `exit`: a worker ends when its files are done,
// and the sandboxes it started stop with it (test/support/sandbox.ts).
// The tests open no TLS connection: without NODE_EXTRA_CA_CERTS (set on some machines, for a
// proxy's certificate), each of the hundreds of Node processes they start (the sandboxes, the CLI,
// the tour's commands) skips reading that file as it starts, about 80 ms each on a small machine.
delete process.env.NODE_EXTRA_CA_CERTS;

const os = require('node:os');
const path = require('node:path');

module.exports = {
  // workspace-links.js: says at once, with why, if a worker ever loads a package of ours through its
  // link. Both by their full path: a workspace's own `npm test` (npm test -w order-service) runs in
  // its folder (test/readme.test.ts)
  require: [path.join(__dirname, 'protos/register.js'), path.join(__dirname, 'test/support/workspace-links.js')],
  extension: ['ts'],
  timeout: 30000,
  reporter: 'spec',
  parallel: true,
  jobs: Math.min(4, os.availableParallelism() + 1),
  exit: true,
};
