// @ts-check
// Runs the sandbox's four processes and keeps track of each: `npm start` (scripts/start.js) and the
// tests' harness (scripts/harness.ts) both use it. When one process ends — a crash, `kill -9`, its
// own error — the others keep running with their data; the process can be started again, alone.
// Each process gets an IPC channel: if this launcher ends in any way, the channel closes and the
// process stops itself (whenLauncherEnds in protos/src/server.ts), so no orphan keeps a port.
const { spawn } = require('node:child_process');
const { EventEmitter } = require('node:events');
const net = require('node:net');
const { PROCESSES, ROOT, SERVICE_NAMES, buildGoUserService, commandOf } = require('./services');

/**
 * @typedef {'stop' | 'restart' | 'shutdown'} StopReason why a process was asked to stop
 * @typedef {import('./services').ProcessSpec} ProcessSpec
 * @typedef {object} Status
 * @property {string} name
 * @property {number} port
 * @property {'running' | 'stopped'} state
 * @property {number | null} pid
 * @property {string} since ISO time of the last start or stop
 * @property {string | null} lastExit how it last ended: "exited with code 1", "was killed by SIGKILL"
 */

/** How a process ended, in words: "exited with code 1", "was killed by SIGKILL", "stopped". */
function describeExit(/** @type {number | null} */ code, /** @type {NodeJS.Signals | null} */ signal) {
  if (signal) return `was killed by ${signal}`;
  return code === 0 ? 'stopped' : `exited with code ${code}`;
}

class Supervisor extends EventEmitter {
  /**
   * @param {NodeJS.ProcessEnv} env the environment of every process
   * @param {Record<string, number>} ports each process's port, by name
   * @param {{ stdio?: 'pipe' | number }} [options] a file descriptor instead of pipes: output goes straight there
   */
  constructor(env, ports, options = {}) {
    super();
    this.env = env;
    this.ports = ports;
    this.stdio = options.stdio ?? 'pipe';
    /** @type {Map<string, { child: import('node:child_process').ChildProcess, exited: Promise<string>, stopping: StopReason | null }>} */
    this.running = new Map();
    /** @type {Map<string, { since: string, lastExit: string | null }>} */
    this.history = new Map(PROCESSES.map((p) => [p.name, { since: new Date().toISOString(), lastExit: null }]));
    this.shuttingDown = false;
    this.messages = 0; // the last message id (tell)
  }

  /** @param {string} name */
  spec(name) {
    const spec = PROCESSES.find((p) => p.name === name);
    if (!spec) throw new UsageError(`unknown service "${name}": the services are ${PROCESSES.map((p) => p.name).join(', ')}`);
    return spec;
  }

  /**
   * Starts one process. Its output comes as 'line' events (name, line, stream); when it ends, an
   * 'exit' event (name, how, reason) says how, and why it was stopped (null: nobody asked it to).
   * @param {string} name
   */
  start(name) {
    const spec = this.spec(name);
    if (this.running.has(name)) throw new UsageError(`${name} is running already`);
    const { file, args } = commandOf(spec, this.env); // node and ts-node, or the Go user-service (USER_SERVICE_IMPL=go)
    const child = spawn(file, args, {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', this.stdio, this.stdio, 'ipc'],
    });
    for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
      let partial = '';
      child[stream]?.on('data', (/** @type {Buffer} */ chunk) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) this.emit('line', name, line, stream);
      });
      child[stream]?.on('end', () => partial && this.emit('line', name, partial, stream));
    }
    /** @type {{ child: import('node:child_process').ChildProcess, exited: Promise<string>, stopping: StopReason | null }} */
    const entry = {
      child,
      stopping: null,
      exited: new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          const how = describeExit(code, signal);
          this.running.delete(name);
          this.history.set(name, { since: new Date().toISOString(), lastExit: how });
          this.emit('exit', name, how, this.shuttingDown ? 'shutdown' : entry.stopping);
          resolve(how);
        });
      }),
    };
    // a child that cannot even be spawned still ends with an 'exit' event
    child.once('error', () => undefined);
    this.running.set(name, entry);
    this.history.set(name, { since: new Date().toISOString(), lastExit: this.history.get(name)?.lastExit ?? null });
    this.emit('started', name);
    return child;
  }

  /**
   * A setting changed while the sandbox runs (AUTH, from the page or the CLI): each running process
   * gets it over its IPC channel, and the processes started from now on get it in their environment.
   * @param {'AUTH' | 'ORDER_SAGA'} variable
   * @param {string} value
   */
  async changeSetting(variable, value) {
    this.env = { ...this.env, [variable]: value };
    await Promise.all([...this.running.keys()].map((name) => this.tell(name, { settings: { [variable.toLowerCase()]: value } })));
  }

  /**
   * One message to a running process, over its IPC channel (onLauncherMessage in protos/src).
   * Resolves once the process says it has handled it (at most a second later).
   * @param {string} name
   * @param {object} message
   * @returns {Promise<void>}
   */
  tell(name, message) {
    const child = this.running.get(name)?.child;
    if (!child?.connected) return Promise.resolve();
    const id = ++this.messages;
    return new Promise((resolve) => {
      const timer = setTimeout(done, 1000);
      function done() {
        clearTimeout(timer);
        child?.off('message', onMessage);
        resolve();
      }
      const onMessage = (/** @type {{ done?: number }} */ answer) => answer?.done === id && done();
      child.on('message', onMessage);
      child.send({ ...message, id }, (error) => error && done());
    });
  }

  /**
   * Stops one process (SIGTERM: it finishes its calls in flight) and waits until it has ended;
   * after 10 s it is killed. Resolves how it ended.
   * @param {string} name
   * @param {NodeJS.Signals} [signal]
   * @param {StopReason} [reason]
   */
  async stop(name, signal = 'SIGTERM', reason = 'stop') {
    this.spec(name);
    const entry = this.running.get(name);
    if (!entry) throw new UsageError(`${name} is not running`);
    entry.stopping = reason;
    entry.child.kill(signal);
    const killer = setTimeout(() => entry.child.kill('SIGKILL'), 10_000);
    const how = await entry.exited;
    clearTimeout(killer);
    return how;
  }

  /** Starts a process and resolves once it accepts connections on its port. @param {string} name */
  async startAndWait(name, timeoutMs = 15_000) {
    const child = this.start(name);
    await waitForPort(this.ports[name], timeoutMs, () => child.exitCode !== null || child.signalCode !== null);
    return child;
  }

  /**
   * Runs `name` as another implementation of the same contract from now on (USER_SERVICE_IMPL:
   * "go" or "ts"), and restarts it: the other processes keep running and never notice.
   * @param {string} name
   * @param {string} impl
   */
  async use(name, impl) {
    if (name !== 'user-service') throw new UsageError(`only user-service has another implementation (npm run sandbox -- use user-service go); not ${name}`);
    if (impl !== 'go' && impl !== 'ts') throw new UsageError(`user-service is go (user-service-go/) or ts (user-service/); not "${impl}"`);
    if (impl === 'go') {
      const failure = buildGoUserService();
      if (failure) throw new UsageError(failure);
    }
    this.env = { ...this.env, USER_SERVICE_IMPL: impl };
    return this.restart(name);
  }

  /** @param {string} name */
  async restart(name) {
    if (this.running.has(name)) await this.stop(name, 'SIGTERM', 'restart');
    return this.startAndWait(name);
  }

  /**
   * Back to the seed data: the data lives in each service's memory, so each of the three services
   * is started afresh (the gateway keeps running). Resolves when all three listen again.
   */
  async reset() {
    await Promise.all(SERVICE_NAMES.map((name) => (this.running.has(name) ? this.stop(name, 'SIGTERM', 'restart') : undefined)));
    await Promise.all(SERVICE_NAMES.map((name) => this.startAndWait(name)));
  }

  /** @returns {Status[]} */
  status() {
    return PROCESSES.map((p) => {
      const entry = this.running.get(p.name);
      const history = this.history.get(p.name) ?? { since: '', lastExit: null };
      return {
        name: p.name,
        port: this.ports[p.name],
        state: entry ? 'running' : 'stopped',
        pid: entry?.child.pid ?? null,
        since: history.since,
        lastExit: history.lastExit,
      };
    });
  }

  /** Stops everything still running, with `signal` (Ctrl-C's SIGINT, or SIGTERM). */
  async stopAll(/** @type {NodeJS.Signals} */ signal = 'SIGTERM') {
    this.shuttingDown = true;
    await Promise.all([...this.running.keys()].map((name) => this.stop(name, signal)));
  }
}

/** A mistake in what was asked (an unknown service, stopping what is stopped): said as it is. */
class UsageError extends Error {}

/**
 * Resolves once something accepts TCP connections on 127.0.0.1:port.
 * @param {number} port
 * @param {number} timeoutMs
 * @param {() => boolean} gaveUp e.g. the process meant to listen has ended
 */
async function waitForPort(port, timeoutMs, gaveUp = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error(`it ended before it listened on port ${port}`);
    if (await isListening(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

/** @param {number} port */
function isListening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

module.exports = { Supervisor, UsageError, describeExit, isListening, waitForPort };
