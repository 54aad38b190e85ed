// @ts-check
// The running sandbox's control socket: how `npm run sandbox -- stop product-service` in a second
// terminal, and the page's stop/start/reset buttons (through the gateway), reach the launcher
// that owns the four processes. Small HTTP over a local socket (launcher/services.js controlPath):
//   GET  /status                 every process: running or stopped, pid, port, how it last ended
//   POST /processes/<name>/stop  | /start | /restart
//   POST /reset                  the sandbox as npm start began it: the services' seed data, the
//                                settings (auth, rate limit, cache, saga) and user-service
//   POST /settings/auth/<mode>   AUTH=off or required in every process, without a restart
//   POST /settings/saga/<on|off> ORDER_SAGA: order-service's saga (lesson 16), without a restart
//   POST /processes/user-service/use/<go|ts>  user-service restarted as the Go or the TypeScript one (lesson 19)
//   POST /processes/<service>/scale/<n>  the service as n processes, its callers spread over them (lesson 22)
//   GET  /secret                 the sandbox's GATEWAY_SECRET (npm run grpc -- --gateway-secret)
// The POST commands run one at a time, in the order they arrive; a GET is answered at once.
const fs = require('node:fs');
const http = require('node:http');
const { SERVICE_NAMES } = require('./services');
const { UsageError } = require('./supervisor');

// The longest a gRPC client waits before it tries a stopped service again (CHANNEL_OPTIONS in
// protos/src/client.ts): once a service listens again, every caller reaches it within this time.
const RECONNECT_MAX_MS = 250;

/**
 * @param {import('./supervisor').Supervisor} supervisor
 * @param {string} socketPath
 * @returns {Promise<http.Server>}
 */
async function serveControl(supervisor, socketPath) {
  const gatewayUrl = `http://127.0.0.1:${supervisor.ports['api-gateway']}`;
  /** A service listens again: wait until its callers are connected to it, so the next request works. */
  const whenReachable = async (/** @type {string[]} */ names) => {
    await supervisor.reconnectCallers(names); // a replica of a scaled service (lesson 22)
    if (!names.some((name) => SERVICE_NAMES.includes(name))) return;
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MAX_MS));
    if (supervisor.running.has('api-gateway'))
      await waitUntilServing(
        gatewayUrl,
        names.filter((n) => SERVICE_NAMES.includes(n)),
        5000,
      );
  };
  const inTurn = oneAtATime();
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const carryOut = () => answer(supervisor, method, url, whenReachable);
    // a question (GET /status, /secret) is answered at once, even while a command runs
    void (method === 'GET' ? carryOut() : inTurn(carryOut)).then(
      (body) => reply(res, 200, body),
      (error) => reply(res, error instanceof UsageError ? 400 : 500, { error: error.message }),
    );
  });
  if (process.platform !== 'win32') fs.rmSync(socketPath, { force: true }); // left by a launcher that was killed
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(undefined));
  });
  if (process.platform !== 'win32') fs.chmodSync(socketPath, 0o600); // this user only
  return server;
}

// what every reset answers (npm run sandbox -- reset, the page's button); each lesson shows it
const RESET_DONE =
  'user-service, product-service and order-service are back to their seed data; the settings (auth, rate limit, cache, saga) and user-service are as npm start set them';

/** A reset keeps the replicas (lesson 22): it says so, and how to go back to one process. */
function stillScaled(/** @type {import('./supervisor').Supervisor} */ supervisor) {
  return [...supervisor.replicas]
    .map(
      ([service, count]) =>
        `; ${service} still runs as ${count} replicas, each with the seed data (npm run sandbox -- scale ${service} 1 goes back to one)`,
    )
    .join('');
}

/**
 * Runs the commands that change the sandbox (stop, start, scale, reset, …) one at a time, in the
 * order they arrived. Two at once would work on the same processes: five `scale` commands at once
 * started the same replica twice, and left replicas listed with `port undefined`. A command that
 * fails does not hold up the next one.
 */
function oneAtATime() {
  /** @type {Promise<unknown>} */
  let last = Promise.resolve();
  /** @template T @param {() => Promise<T>} command @returns {Promise<T>} */
  const inTurn = (command) => {
    const done = last.then(command);
    last = done.catch(() => undefined);
    return done;
  };
  return inTurn;
}

/**
 * @param {import('./supervisor').Supervisor} supervisor
 * @param {string} method
 * @param {string} url
 * @param {(names: string[]) => Promise<void>} whenReachable
 */
async function answer(supervisor, method, url, whenReachable) {
  if (method === 'GET' && url === '/status') return { pid: process.pid, processes: supervisor.status() };
  if (method === 'POST' && url === '/reset') {
    const started = await supervisor.reset(); // each service in place, or started afresh (supervisor.js)
    await whenReachable(started);
    // the gateway forgets its cached answers (lesson 13) and traces, and puts back the switches it
    // holds (rate limit, cache), and AUTH and ORDER_SAGA as npm start began them
    const { AUTH, ORDER_SAGA } = supervisor.startEnv;
    await supervisor.tell('api-gateway', { reset: true, settings: { auth: AUTH ?? '', order_saga: ORDER_SAGA ?? '' } });
    return { done: `${RESET_DONE}${stillScaled(supervisor)}` };
  }
  const setting = /^\/settings\/(auth|saga)\/(\w+)$/.exec(url);
  if (method === 'POST' && setting) {
    const [, name, value] = setting;
    if (name === 'auth' && value !== 'off' && value !== 'required') throw new UsageError('AUTH is off or required');
    if (name === 'saga' && value !== 'off' && value !== 'on') throw new UsageError('ORDER_SAGA is on or off');
    const variable = name === 'auth' ? 'AUTH' : 'ORDER_SAGA';
    await supervisor.changeSetting(variable, value);
    return { done: `${variable}=${value}` };
  }
  if (method === 'GET' && url === '/secret') return { secret: supervisor.env.GATEWAY_SECRET };
  const use = /^\/processes\/([\w-]+)\/use\/(\w+)$/.exec(url);
  if (method === 'POST' && use) {
    const [, name, impl] = use;
    const child = await supervisor.use(name, impl);
    await whenReachable([name]);
    return {
      done: `${name} is the ${impl === 'go' ? 'Go one (user-service-go/)' : 'TypeScript one (user-service/)'} now: restarted (pid ${child.pid}), listens on port ${supervisor.ports[name]}`,
    };
  }
  const scale = /^\/processes\/([\w-]+)\/scale\/(\w+)$/.exec(url);
  if (method === 'POST' && scale) {
    const [, name, count] = scale;
    if (!/^\d+$/.test(count)) throw new UsageError(`how many processes: a number from 1 to 4; not "${count}"`);
    const processes = await supervisor.scale(name, Number(count));
    const where = processes.map((p) => `${p.name} (port ${p.port})`);
    if (processes.length === 1)
      return {
        done: `${name} runs as one process again, ${where[0]}; api-gateway and order-service call it alone (what the stopped replicas held is gone)`,
        processes,
      };
    return {
      done: `${name} runs as ${processes.length} replicas: ${where.slice(0, -1).join(', ')} and ${where.at(-1)}; api-gateway and order-service spread their calls over them (round robin)`,
      processes,
    };
  }
  const match = /^\/processes\/([\w-]+)\/(stop|start|restart)$/.exec(url);
  if (method === 'POST' && match) {
    const [, name, action] = match;
    if (action === 'stop') return { done: `${name} ${await supervisor.stop(name)}` };
    const child = action === 'start' ? await supervisor.startAndWait(name) : await supervisor.restart(name);
    await whenReachable([name]);
    return {
      done: `${name} ${action === 'start' ? 'started' : 'restarted'} (pid ${child.pid}) and listens on port ${supervisor.ports[name]}`,
    };
  }
  throw new UsageError(`no command ${method} ${url}`);
}

/**
 * Polls the gateway's GET /health until each of `names` is SERVING (others may be stopped).
 * @param {string} gatewayUrl
 * @param {string[]} names
 * @param {number} timeoutMs
 */
async function waitUntilServing(gatewayUrl, names, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(2000) });
      const { services } = /** @type {{ services: Record<string, { status: string }> }} */ (await response.json());
      if (names.every((name) => services[name]?.status === 'SERVING')) return;
    } catch {
      // the gateway is busy or starting: ask again
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Sends one command to the sandbox listening at socketPath; resolves its status and JSON answer,
 * or rejects with code ENOENT or ECONNREFUSED when no sandbox listens there.
 * @param {string} socketPath
 * @param {string} method
 * @param {string} path
 * @param {number} [timeoutMs]
 * @returns {Promise<{ status: number, body: any }>}
 */
function askSandbox(socketPath, method, path, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`the sandbox did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

module.exports = { serveControl, askSandbox };
