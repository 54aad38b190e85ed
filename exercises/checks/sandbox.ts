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

export async function checkSandbox(env: NodeJS.ProcessEnv = {}): Promise<CheckSandbox> {
  const sandbox = await startSandbox({ env: { LOG_LEVEL: 'warn', ...env } });
  return {
    sandbox,
    call: (method, path, body, headers) => request(sandbox.url, method, path, body, headers),
    stop: () => sandbox.stop(),
  };
}

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
  env: NodeJS.ProcessEnv,
  behaviours: (running: CheckSandbox) => Behaviour[],
): Promise<void> {
  let running: CheckSandbox;
  try {
    running = await checkSandbox(env);
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
