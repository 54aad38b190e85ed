// Starts the four real processes on free ports, for tests, the benchmark and screenshots:
//   const sandbox = await startSandbox();
//   await fetch(`${sandbox.url}/api/orders`) …
//   await sandbox.stop();
// It runs them as `npm start` does (launcher/supervisor.js), with the same control socket, so
// `npm run sandbox -- …` and the page's buttons work on it too.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { Server } from 'node:http';
import { createInterface } from 'node:readline';
import { serveControl } from '../../launcher/control';
import {
  buildGoUserService,
  controlPath,
  gatewaySecret,
  NODE_ARGS,
  PROCESSES,
  ROOT,
  userServiceImpl,
  waitUntilReady,
  type ProcessSpec,
} from '../../launcher/services';
import { freePort, Supervisor } from '../../launcher/supervisor';

export interface RunningProcess {
  spec: ProcessSpec;
  port: number;
  child: ChildProcess;
  output: string[]; // what it printed (its first 50 lines and latest 500), for tests and diagnosis; empty with logFile
  exited: Promise<number | null>;
}

export interface Sandbox {
  url: string; // the gateway, e.g. http://127.0.0.1:41234
  env: NodeJS.ProcessEnv; // the environment the processes were started with
  processes: Map<string, RunningProcess>; // the latest run of each
  supervisor: Supervisor;
  /** Signal one process (SIGTERM unless told) and wait until it has exited; returns its exit code. */
  stopProcess(name: string, signal?: NodeJS.Signals): Promise<number | null>;
  /** Start a stopped process again on the same port. */
  startProcess(name: string): RunningProcess;
  /** Stop everything that is still running. */
  stop(): Promise<void>;
  /** The last lines every process printed. */
  logs(): string;
}

export interface SandboxOptions {
  env?: NodeJS.ProcessEnv; // extra environment for every process
  readyTimeoutMs?: number;
  // Every process writes straight into this file instead of into pipes this process reads. The
  // benchmark uses it: reading thousands of log lines a second would slow its load generator.
  logFile?: string;
  // Only these of the four (the default: all). A check that needs the gateway and product-service
  // alone starts just those, in half the CPU. Given, even all four, readiness is each of them
  // SERVING in the gateway's GET /health, asked without fetch (waitUntilServing, below).
  only?: string[];
}

/** A port nothing listens on right now: the kernel picks it for us (the launcher's, for replicas too). */
export { freePort };

// Whatever a test process started and did not stop is stopped when it exits (a test that failed
// half-way, a worker that ended), and the control sockets are removed.
const leftAtExit = new Set<() => void>();
process.once('exit', () => {
  for (const cleanUp of leftAtExit) cleanUp();
});

/**
 * Starts the four processes on free ports and waits until they are ready. A free port is only free
 * when it is picked: another test process may pick the same one and bind it first. Then one of ours
 * exits at start (port in use), and the sandbox is started again on other ports.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (userServiceImpl({ ...process.env, ...options.env }) === 'go') {
    const failure = buildGoUserService(); // USER_SERVICE_IMPL=go: user-service-go/, built as npm start builds it
    if (failure) throw new Error(failure);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenMeanwhile) || attempt === 3) throw error;
    }
  }
}

class PortTakenMeanwhile extends Error {}

async function startOnce(options: SandboxOptions): Promise<Sandbox> {
  const ports: Record<string, number> = {};
  for (const spec of PROCESSES) ports[spec.name] = await freePort();
  const socketPath = controlPath(ports['api-gateway']);
  const env: NodeJS.ProcessEnv = {
    // passwords hashed at scrypt cost 1024, not 16384: a login costs user-service 2.5 ms of CPU, not
    // 40 (user-service/src/passwords.ts). First, so that PASSWORD_HASH_COST=16384 npm test, or a
    // test's own env, runs at the cost students have; the benchmark's sandbox does (scripts/bench.ts)
    PASSWORD_HASH_COST: '1024',
    ...process.env,
    LOG_FORMAT: 'json',
    // every request traced (lab/src/sampling.ts): a test reads the trace of its own request, which a
    // burst from the test before it, in the same second, must not leave untraced. The tour's second
    // pass and the benchmark set it back to npm start's; test/tracing.test.ts tests the limit.
    TRACES_PER_SECOND: 'all',
    USER_SERVICE_PORT: String(ports['user-service']),
    PRODUCT_SERVICE_PORT: String(ports['product-service']),
    ORDER_SERVICE_PORT: String(ports['order-service']),
    GATEWAY_PORT: String(ports['api-gateway']),
    USER_SERVICE_ADDR: `127.0.0.1:${ports['user-service']}`,
    PRODUCT_SERVICE_ADDR: `127.0.0.1:${ports['product-service']}`,
    ORDER_SERVICE_ADDR: `127.0.0.1:${ports['order-service']}`,
    SANDBOX_CONTROL: socketPath,
    GATEWAY_SECRET: gatewaySecret(process.env),
    ...options.env,
  };
  const logFd = options.logFile === undefined ? undefined : fs.openSync(options.logFile, 'w');
  const supervisor = new Supervisor(env, ports, logFd === undefined ? {} : { stdio: logFd });
  const processes = new Map<string, RunningProcess>();
  const outputs = new Map<string, string[]>(PROCESSES.map((p) => [p.name, []]));
  // a replica of a scaled service (npm run sandbox -- scale, lesson 22) has its own output
  const outputOf = (name: string) => outputs.get(name) ?? (outputs.set(name, []).get(name) as string[]);
  supervisor.on('line', (name: string, line: string) => {
    const output = outputOf(name);
    // keep the first lines (how it started) and the latest 500
    if (line) output.push(line);
    if (output.length > 550) output.splice(50, output.length - 550);
  });

  function startProcess(name: string): RunningProcess {
    const spec = supervisor.spec(name);
    const child = supervisor.start(name);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running: RunningProcess = { spec, port: ports[name], child, output: outputOf(name), exited };
    processes.set(name, running);
    return running;
  }

  async function stopProcess(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const running = processes.get(name);
    if (!running || !supervisor.running.has(name)) return running?.child.exitCode ?? null;
    await supervisor.stop(name, signal);
    return running.exited;
  }

  let control: Server | undefined;
  let stopped = false;
  const logs = () =>
    options.logFile !== undefined
      ? fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-60).join('\n')
      : [...outputs.entries()].map(([name, output]) => `--- ${name}\n${output.slice(-30).join('\n')}`).join('\n');

  const sandbox: Sandbox = {
    url: `http://127.0.0.1:${ports['api-gateway']}`,
    env,
    processes,
    supervisor,
    stopProcess,
    startProcess,
    async stop() {
      if (stopped) return;
      stopped = true;
      leftAtExit.delete(cleanUp);
      control?.close();
      await supervisor.stopAll();
      if (logFd !== undefined) fs.closeSync(logFd);
      if (process.platform !== 'win32') fs.rmSync(socketPath, { force: true });
    },
    logs,
  };

  const cleanUp = () => {
    for (const { child } of supervisor.running.values()) child.kill('SIGTERM');
    if (process.platform !== 'win32') fs.rmSync(socketPath, { force: true });
  };
  leftAtExit.add(cleanUp);
  control = await serveControl(supervisor, socketPath);
  const started = PROCESSES.filter((spec) => !options.only || options.only.includes(spec.name));
  for (const spec of started) startProcess(spec.name);
  // processes started again through the control socket (npm run sandbox -- start …) are tracked too
  supervisor.on('started', (name: string) => {
    if (processes.get(name)?.child !== supervisor.running.get(name)?.child) adopt(name);
  });
  function adopt(name: string): void {
    const child = supervisor.running.get(name)?.child as ChildProcess;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    processes.set(name, { spec: supervisor.spec(name), port: ports[name], child, output: outputOf(name), exited });
  }
  let exitedAtStart: string | undefined;
  const onExit = (name: string) => (exitedAtStart ??= name);
  supervisor.on('exit', onExit);
  try {
    const cancelled = () => exitedAtStart !== undefined;
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    if (!options.only) await waitUntilReady(sandbox.url, timeoutMs, cancelled);
    else
      await waitUntilServing(
        sandbox.url,
        started.map((spec) => spec.name).filter((name) => name !== 'api-gateway'),
        timeoutMs,
        cancelled,
      );
  } catch (error) {
    await sandbox.stop();
    const output = outputs.get(exitedAtStart ?? '')?.join('\n') ?? '';
    if (/already in use/.test(output)) throw new PortTakenMeanwhile(output);
    throw new Error(
      `${exitedAtStart ? `${exitedAtStart} ended while starting` : (error as Error).message}\n${logs()}`,
      { cause: error },
    );
  } finally {
    supervisor.off('exit', onExit);
  }
  return sandbox;
}

/**
 * waitUntilReady for some of the services: polls the gateway's GET /health until each of them is
 * SERVING. With node:http, not fetch: a check's process makes no other call before its first
 * request, and fetch's first call costs a process about 0.2 CPU-s (undici, its parser in WebAssembly).
 */
async function waitUntilServing(
  gatewayUrl: string,
  services: string[],
  timeoutMs: number,
  isCancelled: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'the gateway did not answer';
  while (Date.now() < deadline && !isCancelled()) {
    try {
      const health = (await getJson(`${gatewayUrl}/health`, 2000)) as {
        services?: Record<string, { status: string }>;
      };
      if (services.every((name) => health.services?.[name]?.status === 'SERVING')) return;
      lastAnswer = JSON.stringify(health);
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(isCancelled() ? 'start-up was cancelled' : `not ready after ${timeoutMs} ms: ${lastAnswer}`);
}

/** GET url, its body as JSON; fails after timeoutMs. */
function getJson(url: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(text));
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/**
 * One more gateway, in front of a sandbox's services, with settings of its own (say,
 * TRACES_PER_SECOND=0): for a test that needs a gateway started otherwise, without four processes
 * more. Not the launcher's: its page has no process buttons. Its standard output, line by line, in `lines`.
 */
export async function startGateway(
  sandbox: Sandbox,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; lines: string[]; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_ARGS, 'api-gateway/src/index.ts'], {
    cwd: ROOT,
    env: { ...sandbox.env, SANDBOX_CONTROL: '', GATEWAY_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => lines.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  leftAtExit.add(() => child.kill('SIGKILL'));
  const listening = new Promise<void>((resolve) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on(
      'line',
      (line) => line.includes('listening on') && resolve(),
    ),
  );
  await Promise.race([
    listening,
    exited.then(() => Promise.reject(new Error(`the gateway exited at start:\n${lines.join('\n')}`))),
  ]);
  return { url: `http://127.0.0.1:${port}`, lines, stop };
}
