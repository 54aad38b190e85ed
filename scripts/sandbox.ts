// Starts the four real processes on free ports, for tests, the benchmark and the tour:
//   const sandbox = await startSandbox();
//   await fetch(`${sandbox.url}/api/orders`) …
//   await sandbox.stop();
// (For people, `npm start` does the same with concurrently: scripts/start.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { NODE_ARGS, PROCESSES, ROOT, waitUntilReady, type ProcessSpec } from './services';

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
  processes: Map<string, RunningProcess>;
  /** SIGTERM one process and wait until it has exited; returns its exit code. */
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
}

/** A port nothing listens on right now: the kernel picks it for us. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ports = new Map<string, number>();
  for (const spec of PROCESSES) ports.set(spec.name, await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_FORMAT: 'json',
    USER_SERVICE_PORT: String(ports.get('user-service')),
    PRODUCT_SERVICE_PORT: String(ports.get('product-service')),
    ORDER_SERVICE_PORT: String(ports.get('order-service')),
    GATEWAY_PORT: String(ports.get('api-gateway')),
    GATEWAY_HOST: '127.0.0.1',
    USER_SERVICE_ADDR: `127.0.0.1:${ports.get('user-service')}`,
    PRODUCT_SERVICE_ADDR: `127.0.0.1:${ports.get('product-service')}`,
    ORDER_SERVICE_ADDR: `127.0.0.1:${ports.get('order-service')}`,
    ...options.env,
  };
  const processes = new Map<string, RunningProcess>();
  const logFd = options.logFile === undefined ? undefined : fs.openSync(options.logFile, 'w');
  let logClosed = false;

  function startProcess(name: string): RunningProcess {
    const spec = PROCESSES.find((p) => p.name === name);
    if (!spec) throw new Error(`no process named ${name}`);
    const stdio = logFd === undefined ? 'pipe' : logFd;
    const child = spawn(process.execPath, [...NODE_ARGS, spec.entry], { cwd: ROOT, env, stdio: ['ignore', stdio, stdio] });
    const output: string[] = [];
    // keep the first lines (how it started) and the latest 500
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      if (output.length > 550) output.splice(50, output.length - 550);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running: RunningProcess = { spec, port: ports.get(name) as number, child, output, exited };
    processes.set(name, running);
    return running;
  }

  async function stopProcess(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const running = processes.get(name);
    if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return running?.child.exitCode ?? null;
    running.child.kill(signal);
    const killer = setTimeout(() => running.child.kill('SIGKILL'), 10_000);
    const code = await running.exited;
    clearTimeout(killer);
    return code;
  }

  const logs = () =>
    options.logFile !== undefined
      ? fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-60).join('\n')
      : [...processes.values()].map((p) => `--- ${p.spec.name}\n${p.output.slice(-30).join('\n')}`).join('\n');

  const sandbox: Sandbox = {
    url: `http://127.0.0.1:${ports.get('api-gateway')}`,
    env,
    processes,
    stopProcess,
    startProcess,
    async stop() {
      await Promise.all([...processes.keys()].map((name) => stopProcess(name)));
      if (logFd !== undefined && !logClosed) fs.closeSync(logFd);
      logClosed = true;
    },
    logs,
  };

  for (const spec of PROCESSES) startProcess(spec.name);
  try {
    await waitUntilReady(sandbox.url, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await sandbox.stop();
    throw new Error(`${(error as Error).message}\n${logs()}`);
  }
  return sandbox;
}
