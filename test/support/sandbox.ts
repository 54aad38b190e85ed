// One sandbox (four real processes, free ports) shared by every end-to-end test that does not need
// one of its own: starting one costs about a second and a half, and most tests only send requests.
//   const shared = useSandbox();
//   it('…', async () => fetch(`${shared.sandbox.url}/api/orders`) …);
// A test that stops or kills a process of the shared sandbox starts it again before it ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from './harness';
import { request } from './http';

// the CLI's `login` keeps its token in a file: the tests' own, never the home folder's, and gone
// when the worker ends (the tour's sandbox of its own has a second one: tutorial.test.ts)
process.env.SANDBOX_TOKEN_FILE ??= path.join(os.tmpdir(), `grpc-sandbox-test-token-${process.pid}.json`);
const tokenFile = process.env.SANDBOX_TOKEN_FILE;
process.once('exit', () => {
  for (const file of [tokenFile, `${tokenFile}.alone`]) fs.rmSync(file, { force: true });
});

let shared: Promise<Sandbox> | undefined;

export const TEST_JWT_SECRET = 'a-secret-for-the-tests-and-nothing-else';

export function useSandbox(): { sandbox: Sandbox } {
  const handle = {} as { sandbox: Sandbox };
  before(async function () {
    this.timeout(60_000);
    // debug lines say when a call has arrived at a service: tests wait for them, not for a time
    // a known JWT_SECRET lets the auth tests make an expired token, as a clock would
    shared ??= startSandbox({ env: { LOG_LEVEL: 'debug', JWT_SECRET: TEST_JWT_SECRET } }).then(sayWhenOneEnds);
    handle.sandbox = await shared;
  });
  return handle;
}

// A process of the shared sandbox that ends unasked fails the tests after it with "connection
// refused": one line says so, and a crash (an exit code, not a test's signal) its last lines too.
function sayWhenOneEnds(sandbox: Sandbox): Sandbox {
  sandbox.supervisor.on('exit', (name: string, how: string, reason: unknown) => {
    if (reason !== null) return; // stopped through the sandbox, or by the end of the worker
    const crashed = how.startsWith('exited with code');
    const last = crashed ? `; its last lines:\n${sandbox.processes.get(name)?.output.slice(-20).join('\n')}` : '';
    console.error(`      (the shared sandbox's ${name} ${how}${last})`);
  });
  return sandbox;
}

// No hook stops it: mocha runs the test files in several worker processes (.mocharc.js), each with its
// own shared sandbox, and a root hook would run after the first file of each. When a worker ends,
// its sandbox's processes see their launcher gone and stop by themselves (whenLauncherEnds), as
// they do when `npm start` is killed.

/** Resolves once `condition` holds; polls instead of sleeping a fixed time. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * After a test started a process of the shared sandbox again: resolves once every hop of the
 * diagram works again, the gateway's own calls to each service (a user, a product) and
 * order-service's (an order), not only the hop the test happened to try. Each caller reconnects on
 * its own, a quarter of a second apart at most (protos/src/client.ts), and the next test file in
 * this worker may begin with any of them: an order that works says nothing of the gateway's own
 * channel to product-service.
 */
export async function untilWhole(sandbox: Sandbox): Promise<void> {
  const works = async (method: string, path: string, status: number, body?: unknown) =>
    (await request(sandbox.url, method, path, body).catch(() => undefined))?.status === status;
  await until(
    async () => (await works('GET', '/api/users/1', 200)) && (await works('GET', '/api/products/1', 200)),
    "the gateway's calls to user-service and product-service to work again",
  );
  await until(
    () => works('POST', '/api/orders', 201, { userId: '1', productId: '1', quantity: 1 }),
    'an order to go through again',
  );
}

/** Figures the closing notes quote; printed, never asserted as speed targets. */
export function report(figure: string): void {
  console.log(`      ↳ ${figure}`);
}

/** Resolves once a process of the sandbox has logged a line that matches. */
export function untilLogged(sandbox: Sandbox, process: string, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  return until(
    () => pattern.test(sandbox.processes.get(process)?.output.join('\n') ?? ''),
    `${process} to log ${pattern}`,
    timeoutMs,
  );
}
