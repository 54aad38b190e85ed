// The Postman collection, run by newman (Postman's command-line runner): every request's own
// Postman tests must pass. (test/tutorial.test.ts runs it again on the same sandbox, as students
// re-run it, before the tour.)
import { expect } from 'chai';
import { runCollection } from './support/newman';
import { useSandbox } from './support/sandbox';

describe('Postman collection (newman)', function () {
  this.timeout(60_000);
  const shared = useSandbox();

  it("passes every request's tests", async () => {
    const { run: result } = await runCollection(shared.sandbox.url);
    const failures = result.failures.map((f) => `${f.source?.name}: ${f.error.message}`);
    expect(failures).to.deep.equal([]);
    expect(result.stats.requests.total).to.equal(119);
    expect(result.stats.assertions.total).to.be.at.least(290);
  });
});
