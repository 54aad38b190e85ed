// The conformance suite as mocha runs it for `npm run conformance` (scripts/conformance.ts), which
// names the service and its address in CONFORMANCE_SERVICE and CONFORMANCE_ADDRESS.
import { SUITES } from './index';

const service = process.env.CONFORMANCE_SERVICE as keyof typeof SUITES;
const address = process.env.CONFORMANCE_ADDRESS as string;

describe(`${service} at ${address}: the contract's behaviour`, function () {
  this.timeout(30_000);
  SUITES[service](() => address);
});
