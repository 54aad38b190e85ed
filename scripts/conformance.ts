// npm run conformance -- <service> [address]: runs the service's conformance suite (conformance/)
// against any implementation of its contract, over gRPC.
//   npm run conformance -- user-service                    the sandbox's, at localhost:50051
//   npm run conformance -- user-service 127.0.0.1:50061    another one, such as user-service-go
// It creates, changes and deletes only records of its own. Exits 0 when every check passes.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SUITES } from '../conformance';
import { ROOT } from './services';

const DEFAULT_ADDRESSES: Record<string, string> = { 'user-service': 'localhost:50051' };

const [service, address = DEFAULT_ADDRESSES[service ?? '']] = process.argv.slice(2);
if (!service || !(service in SUITES)) {
  console.error(`usage: npm run conformance -- <service> [host:port]\nwhere <service> is ${Object.keys(SUITES).join(', ')}${service ? ` (not "${service}")` : ''}`);
  process.exit(2);
}
const mocha = path.join(ROOT, 'node_modules/.bin/mocha');
const result = spawnSync(mocha, ['--no-parallel', path.join(ROOT, 'conformance/spec.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, CONFORMANCE_SERVICE: service, CONFORMANCE_ADDRESS: address },
});
process.exit(result.status ?? 1);
