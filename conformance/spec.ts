// The conformance suites as mocha runs them for `npm run conformance` (scripts/conformance.ts),
// which names each service and its address in CONFORMANCE_TARGETS: "user-service=localhost:50051,…".
import { SUITES } from './index';

for (const target of (process.env.CONFORMANCE_TARGETS ?? '').split(',').filter(Boolean)) {
  const [service, address] = target.split('=') as [keyof typeof SUITES, string];
  describe(`${service} at ${address}: the contract's behaviour`, function () {
    this.timeout(30_000);
    SUITES[service](() => address);
  });
}
