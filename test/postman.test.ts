// The Postman collection, run by newman (Postman's command-line runner): every request's own
// Postman tests must pass, and a second run too, as students re-run it.
import { expect } from 'chai';
import { runCollection } from './support/newman';
import { useSandbox } from './support/sandbox';

describe('Postman collection (newman)', function () {
  this.timeout(60_000);
  const shared = useSandbox();

  for (const run of ['first', 'second']) {
    it(`passes every request's tests on the ${run} run`, async () => {
      const { run: result } = await runCollection(shared.sandbox.url);
      const failures = result.failures.map((f) => `${f.source?.name}: ${f.error.message}`);
      expect(failures).to.deep.equal([]);
      expect(result.stats.requests.total).to.equal(27);
      expect(result.stats.assertions.total).to.be.at.least(75);
    });
  }
});
