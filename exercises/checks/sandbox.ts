// The real processes for a check, started as the tests start them: on free ports, so the student's
// own sandbox (npm start, port 3000) is not disturbed, and from the code as it is now.
import { startSandbox, type Sandbox } from '../../test/support/harness';
import { request, type Reply } from '../../test/support/http';
import { checkBehaviours, type Behaviour } from './kit';

export type Answer = Reply;

export interface CheckSandbox {
  sandbox: Sandbox;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  stop(): Promise<void>;
}

/** What a check starts: the environment of its processes, and which of them when not all four. */
export interface CheckSetup {
  env?: NodeJS.ProcessEnv;
  only?: string[]; // each process costs a start of its own: a check starts the ones it talks to
}

export async function checkSandbox({ env = {}, only }: CheckSetup = {}): Promise<CheckSandbox> {
  const sandbox = await startSandbox({ env: { LOG_LEVEL: 'warn', ...env }, only });
  return {
    sandbox,
    call: (method, path, body, headers) => request(sandbox.url, method, path, body, headers),
    stop: () => sandbox.stop(),
  };
}

// what a check of the product routes talks to: the gateway and product-service, not the other two
// (it starts in about half the CPU and time of all four)
export const PRODUCTS_ONLY = ['api-gateway', 'product-service'];

/** An answer as a student reads it: "404 {"error":…}". */
export function said(answer: Answer): string {
  const text = answer.text.length > 200 ? `${answer.text.slice(0, 200)}…` : answer.text;
  return `${answer.status} ${text}`;
}

/**
 * Starts the sandbox, checks the behaviours against it, stops it. A sandbox that does not start (a
 * syntax error in the code being written, say) is said in one paragraph, as the first thing to fix.
 */
export async function checkAgainstSandbox(
  name: string,
  setup: CheckSetup,
  behaviours: (running: CheckSandbox) => Behaviour[],
): Promise<void> {
  let running: CheckSandbox;
  try {
    running = await checkSandbox(setup);
  } catch (error) {
    console.log(
      `✘ the sandbox did not start with your code; fix this first:\n    ${String((error as Error).message)
        .split('\n')
        .slice(0, 30)
        .join('\n    ')}`,
    );
    process.exitCode = 1;
    return;
  }
  await checkBehaviours(name, behaviours(running), () => running.stop());
}
