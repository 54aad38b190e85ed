// The real processes for a check, started as the tests start them: on free ports, so the student's
// own sandbox (npm start, port 3000) is not disturbed, and from the code as it is now.
import http from 'node:http';
import { PROCESSES } from '../../launcher/services';
import { startSandbox, type Sandbox } from '../../test/support/harness';
import { checkBehaviours, type Behaviour } from './kit';

/** What came back: as test/support/http.ts's Reply, the headers read with get(name). */
export interface Answer {
  status: number;
  body: any; // a check reads whatever JSON came back
  headers: { get(name: string): string | null };
  text: string;
  ms: number;
}

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

// named even when a check starts all four: the harness then waits for them without fetch, as
// request() below calls without it
const ALL = PROCESSES.map((spec) => spec.name);

export async function checkSandbox({ env = {}, only = ALL }: CheckSetup = {}): Promise<CheckSandbox> {
  const sandbox = await startSandbox({ env: { LOG_LEVEL: 'warn', ...env }, only });
  return {
    sandbox,
    call: (method, path, body, headers) => request(sandbox.url, method, path, body, headers),
    stop: () => sandbox.stop(),
  };
}

/**
 * One HTTP call, as test/support/http.ts makes it, with node:http rather than fetch: a check's
 * process makes a few calls and ends, and fetch's first call costs it about 0.2 CPU-s more.
 */
function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = performance.now();
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const sent = { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
  return new Promise((resolve, reject) => {
    const outgoing = http.request(baseUrl + path, { method, headers: sent }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const header = (name: string) => {
          const value = incoming.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
        };
        const json = /json/.test(header('content-type') ?? '') || /^[{[]/.test(text);
        resolve({
          status: incoming.statusCode ?? 0,
          body: text && json ? JSON.parse(text) : undefined,
          headers: { get: header },
          text,
          ms: performance.now() - started,
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
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
