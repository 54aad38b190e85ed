// @ts-check
// Runs the sandbox's four processes and keeps track of each: `npm start` (launcher/start.js) and the
// tests' harness (test/support/harness.ts) both use it. When one process ends — a crash, `kill -9`, its
// own error — the others keep running with their data; the process can be started again, alone.
// Each process gets an IPC channel: if this launcher ends in any way, the channel closes and the
// process stops itself (whenLauncherEnds in protos/src/server.ts), so no orphan keeps a port.
const { spawn } = require('node:child_process');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { freePort } = require('./ports');
const { PROCESSES, ROOT, SCALABLE, SERVICE_NAMES, buildGoUserService, commandOf, replicaSpec } = require('./services');

/**
 * @typedef {'stop' | 'restart' | 'shutdown' | 'scale'} StopReason why a process was asked to stop
 * @typedef {import('./services').ProcessSpec} ProcessSpec
 * @typedef {object} Status
 * @property {string} name
 * @property {number} port
 * @property {'running' | 'stopped'} state
 * @property {number | null} pid
 * @property {string} since ISO time of the last start or stop
 * @property {string | null} lastExit how it last ended: "exited with code 1", "was killed by SIGKILL"
 */

// A user id is never given to two people while the sandbox runs. order-service keeps its orders when
// user-service alone restarts, and the gateway lets a token's user read and cancel every order whose
// userId is theirs: if a restarted user-service gave "4" again, whoever signed up next would own the
// orders of the user 4 before them; two replicas would give the same ids to different people at once.
// So each start of a user-service process (a restart, a start after a stop or a crash, a replica, the
// Go one through `use`) gives its new users ids of a block of its own: the first 4 to 1000 (after the
// seeded 1, 2, 3), the next 1001 to 2000, then 2001 to 3000, … A reset empties every service, so
// nothing names the old ids any more: the blocks start again, and the first new user is 4 again.
const USER_IDS_PER_BLOCK = 1000;

// What a lesson may switch while the sandbox runs, in the services' environment: AUTH (lesson 11),
// ORDER_SAGA (16) and which user-service runs (19). A reset puts back what npm start began with.
const SWITCHED_AT_RUN_TIME = ['AUTH', 'ORDER_SAGA', 'USER_SERVICE_IMPL'];

// The code a service's process runs, besides its own folder's src/: the contract and the shared
// packages. A reset runs the services' code as it is now (a student's exercise: WORKSHOP.md), so a
// service whose code changed since its process started is started afresh rather than reset in place.
const SHARED_CODE = ['protos', 'events/src', 'gateway-secret/src', 'lab/src', 'launcher/src'];

/** When a file of `folder`'s code (.ts, .js, .json, .proto) last changed (ms). */
function lastChange(/** @type {string} */ folder) {
  return Math.max(
    0,
    ...fs
      .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|js|json|proto)$/.test(file) && !/(^|\/)(node_modules|test)\//.test(file))
      .map((file) => fs.statSync(path.join(ROOT, folder, file), { throwIfNoEntry: false })?.mtimeMs ?? 0),
  );
}

/** The environment that tells a user-service process its block (NEW_USER_IDS_FROM, user-service/src/config.ts). */
function userIdBlock(/** @type {number} */ block) {
  return {
    NEW_USER_IDS_FROM: String(block === 0 ? 4 : block * USER_IDS_PER_BLOCK + 1),
    NEW_USER_IDS_TO: String((block + 1) * USER_IDS_PER_BLOCK),
  };
}

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
    this.startEnv = env; // as npm start began: a reset puts back its switches (changeSetting, use)
    this.ports = ports;
    this.stdio = options.stdio ?? 'pipe';
    /** @type {Map<string, { child: import('node:child_process').ChildProcess, file: string, startedAt: number, exited: Promise<string>, stopping: StopReason | null }>} */
    this.running = new Map();
    /** @type {Map<string, { since: string, lastExit: string | null }>} */
    this.history = new Map(PROCESSES.map((p) => [p.name, { since: new Date().toISOString(), lastExit: null }]));
    this.shuttingDown = false;
    this.messages = 0; // the last message id (tell)
    /** @type {Map<string, number>} how many processes each scaled service runs (npm run sandbox -- scale, lesson 22) */
    this.replicas = new Map();
    /** @type {Map<string, string | undefined>} each scaled service's address for its callers, before it was scaled */
    this.addressBeforeScaling = new Map();
    this.userIdBlocks = 0; // how many blocks of user ids have been given since the start or the last reset
  }

  /** @param {string} name a process: "product-service", or a replica of a scaled service, "product-service-2" */
  spec(name) {
    const spec = PROCESSES.find((p) => p.name === name) ?? replicaSpec(name);
    if (!spec || (spec.replicaOf && (spec.replica ?? 0) > (this.replicas.get(spec.replicaOf) ?? 1))) {
      const replicas = [...this.replicas].flatMap(([service, count]) =>
        Array.from({ length: count - 1 }, (_, i) => `${service}-${i + 2}`),
      );
      throw new UsageError(
        `unknown service "${name}": the processes are ${[...PROCESSES.map((p) => p.name), ...replicas].join(', ')}`,
      );
    }
    return spec;
  }

  /** The names of every process of the sandbox: the four, and the replicas of a scaled service. */
  names() {
    return PROCESSES.flatMap((p) => processNames(p.name, this.replicas.get(p.name) ?? 1));
  }

  /**
   * Starts one process. Its output comes as 'line' events (name, line, stream); when it ends, an
   * 'exit' event (name, how, reason) says how, and why it was stopped (null: nobody asked it to).
   * @param {string} name
   * @param userIds a user-service's block of user ids (userIdBlock); unless told, the next one
   */
  start(name, /** @type {number | undefined} */ userIds = undefined) {
    const spec = this.spec(name);
    if (this.running.has(name)) throw new UsageError(`${name} is running already`);
    const { file, args } = commandOf(spec, this.env); // node with protos/register.js, or the Go user-service (USER_SERVICE_IMPL=go)
    // a replica (lesson 22): the same program on its own port, told its name for the trace
    const env = spec.replicaOf
      ? { ...this.env, [spec.portVariable]: String(this.ports[name]), REPLICA_NAME: name }
      : { ...this.env };
    if ((spec.replicaOf ?? spec.name) === 'user-service')
      Object.assign(env, userIdBlock(userIds ?? this.userIdBlocks++));
    // The four processes open no TLS connection, so they need no extra certificate authorities:
    // with NODE_EXTRA_CA_CERTS set (a proxy's certificate, say), every Node process reads that file
    // as it starts, about 80 ms on a small machine, at every start, restart and reset.
    delete env.NODE_EXTRA_CA_CERTS;
    const child = spawn(file, args, {
      cwd: ROOT,
      env,
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
    /** @type {{ child: import('node:child_process').ChildProcess, file: string, startedAt: number, exited: Promise<string>, stopping: StopReason | null }} */
    const entry = {
      child,
      file, // which program: a reset tells node's services to reset in place, and restarts the Go one
      startedAt: Date.now(), // a reset restarts it if its code changed since (resetInPlace)
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
   * A service's address too (USER_SERVICE_ADDR, PRODUCT_SERVICE_ADDR): its replicas, when it is scaled.
   * @param {'AUTH' | 'ORDER_SAGA' | 'USER_SERVICE_ADDR' | 'PRODUCT_SERVICE_ADDR'} variable
   * @param {string} value
   * @param {number} [timeoutMs] how long each process may take to make the change
   */
  async changeSetting(variable, value, timeoutMs = 1000) {
    this.env = { ...this.env, [variable]: value };
    await Promise.all(
      [...this.running.keys()].map((name) =>
        this.tell(name, { settings: { [variable.toLowerCase()]: value } }, timeoutMs),
      ),
    );
  }

  /**
   * One message to a running process, over its IPC channel (onLauncherMessage in protos/src).
   * Resolves once the process says it has handled it (at most `timeoutMs` later): true if it said so.
   * @param {string} name
   * @param {object} message
   * @returns {Promise<boolean>}
   */
  tell(name, message, timeoutMs = 1000) {
    const child = this.running.get(name)?.child;
    if (!child?.connected) return Promise.resolve(false);
    const id = ++this.messages;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      function done(/** @type {boolean} */ handled) {
        clearTimeout(timer);
        child?.off('message', onMessage);
        resolve(handled);
      }
      const onMessage = (/** @type {{ done?: number }} */ answer) => answer?.done === id && done(true);
      child.on('message', onMessage);
      child.send({ ...message, id }, (error) => error && done(false));
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

  /**
   * Starts a process and resolves once it accepts connections on its port.
   * @param {string} name
   * @param {number} [userIds] a user-service's block of user ids (start)
   */
  async startAndWait(name, timeoutMs = 15_000, userIds = undefined) {
    const child = this.start(name, userIds);
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
    if (name !== 'user-service')
      throw new UsageError(
        `only user-service has another implementation (npm run sandbox -- use user-service go); not ${name}`,
      );
    if (impl !== 'go' && impl !== 'ts')
      throw new UsageError(`user-service is go (user-service-go/) or ts (user-service/); not "${impl}"`);
    if (impl === 'go') {
      const failure = buildGoUserService();
      if (failure) throw new UsageError(failure);
    }
    this.env = { ...this.env, USER_SERVICE_IMPL: impl };
    const [child] = await Promise.all(
      this.names()
        .filter((n) => n === name || this.spec(n).replicaOf === name)
        .map((n) => this.restart(n)),
    );
    return child;
  }

  /**
   * Runs `service` as `count` processes (lesson 22): the first is the one the diagram draws, each
   * other one a replica on a free port ("product-service-2"), with its own data in its own memory.
   * The service's callers are told all their addresses, and spread their calls over them.
   * Scaling down stops the last replicas; what they held is gone. If a new replica does not start,
   * the service stays as it was: same processes, same ports, same addresses for its callers.
   * Not meant to run twice at once: the launcher runs its commands one at a time (launcher/control.js).
   * @param {string} service
   * @param {number} count
   * @returns {Promise<Array<{ name: string, port: number }>>} the service's processes now
   */
  async scale(service, count) {
    const scalable = SCALABLE.find((s) => s.service === service);
    if (!scalable) {
      const why =
        service === 'order-service'
          ? ' (product-service follows its events, a stream that would reach one replica only)'
          : '';
      throw new UsageError(
        `${service} cannot be scaled here${why}: ${SCALABLE.map((s) => s.service).join(' and ')} can (npm run sandbox -- scale product-service 2)`,
      );
    }
    if (!Number.isInteger(count) || count < 1 || count > 4)
      throw new UsageError(`a service runs as 1 to 4 processes here; not ${count}`);
    const before = this.replicas.get(service) ?? 1;
    if (!this.addressBeforeScaling.has(service))
      this.addressBeforeScaling.set(service, this.env[scalable.addressVariable]);
    // the callers are told only once every new replica listens: one that fails leaves them as they were
    await this.addReplicas(service, before, count);
    // the callers before the stops, so that no call goes to a replica about to stop
    await this.changeSetting(scalable.addressVariable, this.addressOf(service, count), 5000);
    await this.dropReplicas(service, processNames(service, before).slice(count), count);
    return processNames(service, count).map((name) => ({ name, port: this.ports[name] }));
  }

  /**
   * Starts replicas of `service`, one after another, each on a free port, until it runs as `count`
   * processes. If one does not start, the ones started here stop again and `service` is as it was.
   * @param {string} service
   * @param {number} before how many processes it runs now
   * @param {number} count
   */
  async addReplicas(service, before, count) {
    const added = processNames(service, count).slice(before);
    for (const [i, name] of added.entries()) {
      try {
        this.ports[name] = await freePort();
        this.replicas.set(service, before + i + 1); // `name` is a process of the sandbox from now on, with its port
        await this.startAndWait(name);
      } catch (error) {
        await this.dropReplicas(service, added, before);
        throw new UsageError(`${name} did not start: ${/** @type {Error} */ (error).message}`);
      }
    }
  }

  /**
   * Stops replicas of `service` and forgets them (their ports, how they ended): it runs as `count`
   * processes from now on.
   * @param {string} service
   * @param {string[]} names the replicas to stop
   * @param {number} count
   */
  async dropReplicas(service, names, count) {
    await Promise.all(names.map((name) => (this.running.has(name) ? this.stop(name, 'SIGTERM', 'scale') : undefined)));
    for (const name of names) {
      delete this.ports[name];
      this.history.delete(name);
    }
    if (count === 1) this.replicas.delete(service);
    else this.replicas.set(service, count);
  }

  /**
   * Where the callers of `service` find it when it runs as `count` processes: every one's address
   * (their channels spread the calls over them), or, for one, the address it had before scaling.
   * @param {string} service
   * @param {number} count
   */
  addressOf(service, count) {
    if (count === 1) return this.addressBeforeScaling.get(service) ?? `localhost:${this.ports[service]}`;
    return `ipv4:${processNames(service, count)
      .map((name) => `127.0.0.1:${this.ports[name]}`)
      .join(',')}`;
  }

  /**
   * After a replica of a scaled service started again (start, restart, reset): resolves once its
   * callers are connected to every replica, so the next calls are spread over all of them.
   * @param {string[]} names the processes that started
   */
  async reconnectCallers(names) {
    const services = new Set(
      names.map((name) => this.spec(name).replicaOf ?? name).filter((service) => this.replicas.has(service)),
    );
    for (const service of services) {
      const variable = SCALABLE.find((s) => s.service === service)?.addressVariable;
      if (variable) await this.changeSetting(variable, this.env[variable] ?? '', 5000);
    }
  }

  /** @param {string} name */
  async restart(name) {
    if (this.running.has(name)) await this.stop(name, 'SIGTERM', 'restart');
    return this.startAndWait(name);
  }

  /**
   * Back to the sandbox npm start began: the data lives in each service's memory, so each of the
   * three services (each replica of a scaled one too) builds its state again, with the AUTH,
   * ORDER_SAGA and user-service that npm start began with. The gateway keeps running (its open
   * streams with it): control.js tells it to put back its own switches. The replicas stay, each with
   * the seed data: scaling back is `scale <service> 1`. Resolves, once every service serves its new
   * state, the names of those that had to be started (stopped ones, and the restarted: resetInPlace).
   *
   * Why in place, not a restart: a new process gives the same guarantee (nothing in memory survives)
   * but costs each service about a third of a CPU-second and the student a second or two, at every
   * lesson's first command; building a service's state again (its index.ts: createState) costs a
   * few milliseconds, and keeps its port and its callers' connections.
   */
  async reset() {
    const services = this.names().filter(
      (name) => SERVICE_NAMES.includes(name) || SERVICE_NAMES.includes(this.spec(name).replicaOf ?? ''),
    );
    const env = { ...this.env };
    for (const variable of SWITCHED_AT_RUN_TIME) {
      if (this.startEnv[variable] === undefined) delete env[variable];
      else env[variable] = this.startEnv[variable];
    }
    this.env = env;
    // every service is empty: user ids start again at 4, each user-service process its own block (userIdBlock)
    this.userIdBlocks = 0;
    const blocks = new Map(
      services
        .filter((name) => (this.spec(name).replicaOf ?? name) === 'user-service')
        .map((name) => [name, this.userIdBlocks++]),
    );
    // when each service's code last changed (its folder's, or the shared packages')
    const shared = Math.max(...SHARED_CODE.map(lastChange));
    const codeChanged = new Map(
      SERVICE_NAMES.map((service) => [service, Math.max(shared, lastChange(`${service}/src`))]),
    );
    /** @type {string[]} */
    const started = [];
    const resetOne = async (/** @type {string} */ name) => {
      const service = this.spec(name).replicaOf ?? name;
      if (await this.resetInPlace(name, blocks.get(name), codeChanged.get(service) ?? Infinity)) return;
      if (this.running.has(name)) await this.stop(name, 'SIGTERM', 'restart');
      await this.startAndWait(name, 15_000, blocks.get(name));
      started.push(name);
    };
    // order-service first: product-service's new follower of its events must find its new events,
    // not the old ones it is about to end
    for (const name of services.filter((n) => n === 'order-service')) await resetOne(name);
    await Promise.all(services.filter((name) => name !== 'order-service').map(resetOne));
    return started;
  }

  /**
   * Tells a running service to build its state again (onLauncherMessage in its index.ts), with
   * npm start's AUTH and ORDER_SAGA, and a user-service its block of ids. False when it cannot: it is
   * stopped, is not what npm start ran (the Go user-service for the TypeScript one, lesson 19), is
   * the Go user-service (it reads no message), its code changed since it started, or it did not answer.
   * @param {string} name
   * @param {number | undefined} userIds a user-service's block of user ids (userIdBlock)
   * @param {number} codeChanged when its code last changed (ms)
   */
  async resetInPlace(name, userIds, codeChanged) {
    const entry = this.running.get(name);
    const { file } = commandOf(this.spec(name), this.env);
    if (!entry || entry.file !== file || file !== process.execPath || codeChanged > entry.startedAt) return false;
    const block = userIds === undefined ? undefined : userIdBlock(userIds);
    return this.tell(
      name,
      {
        reset: true,
        settings: { auth: this.env.AUTH || 'off', order_saga: this.env.ORDER_SAGA || 'off' },
        newUserIds: block && { from: Number(block.NEW_USER_IDS_FROM), to: Number(block.NEW_USER_IDS_TO) },
      },
      5000,
    );
  }

  /** @returns {Status[]} */
  status() {
    return this.names().map((name) => {
      const entry = this.running.get(name);
      const history = this.history.get(name) ?? { since: '', lastExit: null };
      return {
        name,
        port: this.ports[name],
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

/** "product-service", "product-service-2", …: the names of a service's first `count` processes. */
function processNames(/** @type {string} */ service, /** @type {number} */ count) {
  return Array.from({ length: count }, (_, i) => (i === 0 ? service : `${service}-${i + 1}`));
}

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

module.exports = { Supervisor, UsageError, describeExit, freePort, isListening, waitForPort };
