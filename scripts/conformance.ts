// npm run conformance [-- <service> [address]]: runs a service's conformance suite (conformance/)
// against any implementation of its contract, over gRPC.
//   npm run conformance                                     all three, the sandbox's (localhost:50051–50053,
//                                                           or USER_SERVICE_ADDR, … when set)
//   npm run conformance -- user-service                     the sandbox's user-service only
//   npm run conformance -- user-service 127.0.0.1:50061     another one, such as user-service-go
// It creates, changes and deletes only records of its own. Exits 0 when every check passes.
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SUITES } from '../conformance';
import { ROOT } from '../launcher/services';

// where the sandbox's services are, as npm run grpc finds them: USER_SERVICE_ADDR, …, or the diagram's ports
const DEFAULT_ADDRESSES: Record<keyof typeof SUITES, string> = {
  'user-service': process.env.USER_SERVICE_ADDR || 'localhost:50051',
  'product-service': process.env.PRODUCT_SERVICE_ADDR || 'localhost:50052',
  'order-service': process.env.ORDER_SERVICE_ADDR || 'localhost:50053',
};

const [service, address] = process.argv.slice(2);
if (service !== undefined && !(service in SUITES)) {
  console.error(
    `usage: npm run conformance [-- <service> [host:port]]\nwhere <service> is ${Object.keys(SUITES).join(', ')} (not "${service}"); without one, all three at their usual ports`,
  );
  process.exit(2);
}
// "user-service=localhost:50051,product-service=…": the suites to run, and where
const targets = (service ? [service as keyof typeof SUITES] : (Object.keys(SUITES) as Array<keyof typeof SUITES>))
  .map((name) => `${name}=${name === service && address ? address : DEFAULT_ADDRESSES[name]}`)
  .join(',');
// nothing listening: say so once, instead of every check failing with UNAVAILABLE
function reachable(where: string): Promise<boolean> {
  const colon = where.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = net.connect(
      { host: where.slice(0, colon), port: Number(where.slice(colon + 1)), timeout: 3000 },
      () => {
        socket.destroy();
        resolve(true);
      },
    );
    socket.on('error', () => resolve(false)).on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function main(): Promise<number> {
  for (const target of targets.split(',')) {
    const [name, where] = target.split('=');
    if (!(await reachable(where))) {
      console.error(
        `nothing answers at ${where}, where ${name} should be: start the sandbox (npm start), or give the address of the implementation to check (npm run conformance -- ${name} host:port)`,
      );
      return 1;
    }
  }
  const mocha = path.join(ROOT, 'node_modules/.bin/mocha');
  // mocha as the tests run it (protos/register.js), without their settings (.mocharc.js: every test file)
  const args = ['--no-config', '--require', path.join(ROOT, 'protos/register.js'), '--exit'];
  const result = spawnSync(mocha, [...args, path.join(ROOT, 'conformance/spec.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CONFORMANCE_TARGETS: targets },
  });
  return result.status ?? 1;
}

main().then((code) => process.exit(code));
