// One sandbox (four real processes, free ports) shared by every end-to-end test that does not need
// one of its own: starting one costs about a second and a half, and most tests only send requests.
//   const shared = useSandbox();
//   it('…', async () => fetch(`${shared.sandbox.url}/api/orders`) …);
// A test that stops or kills a process of the shared sandbox starts it again before it ends.
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from './harness';

// the CLI's `login` keeps its token in a file: the tests' own, never the home folder's
process.env.SANDBOX_TOKEN_FILE ??= path.join(os.tmpdir(), `grpc-sandbox-test-token-${process.pid}.json`);

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
