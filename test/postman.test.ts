// The Postman collection, run by newman (Postman's command-line runner) against a fresh sandbox:
// every request's own Postman tests must pass, and a second run too, as students re-run it.
import { expect } from 'chai';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../scripts/harness';
import { ROOT } from '../scripts/services';

// newman has no type definitions of its own; this is the part of it used here
interface NewmanSummary {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: Array<{ error: { message: string }; source?: { name?: string } }>;
  };
}
const newman = require('newman') as { run(options: object, done: (error: Error | null, summary: NewmanSummary) => void): void };

function runCollection(baseUrl: string): Promise<NewmanSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: path.join(ROOT, 'postman/sandbox.postman_collection.json'),
        environment: path.join(ROOT, 'postman/local.postman_environment.json'),
        envVar: [{ key: 'baseUrl', value: baseUrl }],
        reporters: [],
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe('Postman collection (newman)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox?.stop();
  });

  for (const run of ['first', 'second']) {
    it(`passes every request's tests on the ${run} run`, async () => {
      const { run: result } = await runCollection(sandbox.url);
      const failures = result.failures.map((f) => `${f.source?.name}: ${f.error.message}`);
      expect(failures).to.deep.equal([]);
      expect(result.stats.requests.total).to.equal(25);
      expect(result.stats.assertions.total).to.be.at.least(70);
    });
  }
});
