// @ts-check
// npm start: the launcher. It runs the four processes (launcher/supervisor.js), shows their output
// prefixed with their names, and prints one line when all four answer.
//  - One process ending (a crash, `kill -9`) does not stop the others: one line says which, how,
//    and the command that starts it again.
//  - A second terminal controls the running sandbox: npm run sandbox -- status | stop <service> |
//    start <service> | restart <service> | reset (launcher/sandbox.js, through launcher/control.js).
//  - Ctrl-C, SIGTERM or SIGHUP (to npm or to this launcher), or this launcher's end, stop all four.
//  - LOG_FORMAT=json: standard output carries only the processes' JSON lines, unprefixed (each
//    names its service), so `npm start --silent | jq .` works; the launcher's own lines go to
//    standard error, in either format.
//  - USER_SERVICE_IMPL=go: user-service is the Go one (user-service-go/), built first if needed.
// Plain JavaScript (type-checked by tsc through @ts-check), so the launcher starts in a tenth of a
// second and leaves the CPU to the four processes it starts.
const oldNode = require('./node-version').tooOld(process.versions.node);
if (oldNode) {
  process.stderr.write(`${oldNode}\n`);
  process.exit(1);
}
const fs = require('node:fs');
const net = require('node:net');
const { askSandbox, serveControl } = require('./control');
const {
  PROCESSES,
  buildGoUserService,
  controlPath,
  gatewaySecret,
  GO_PACKAGES,
  hasGo,
  portsFrom,
  replicaSpec,
  userServiceImpl,
  waitUntilReady,
} = require('./services');
const { Supervisor } = require('./supervisor');

const started = performance.now();
const json = process.env.LOG_FORMAT === 'json';
const colour = process.stderr.isTTY || process.env.FORCE_COLOR !== undefined;
const ports = portsFrom(process.env);
const gatewayUrl = `http://localhost:${ports['api-gateway']}`;
const socketPath = controlPath(ports['api-gateway']);

/** The launcher's own lines: to standard error, so that standard output is the services' alone. */
function say(/** @type {string} */ line) {
  process.stderr.write(`${line}\n`);
}

const COLOURS = { blue: 34, magenta: 35, green: 32, yellow: 33 };
const width = Math.max(...PROCESSES.map((p) => p.name.length));
/** "[user-service   ] " in the process's colour */
function prefix(/** @type {import('./services').ProcessSpec} */ spec) {
  const label = `[${spec.name.padEnd(width)}]`; // a replica's name is longer: "[product-service-2]"

  return colour ? `\x1b[${COLOURS[/** @type {keyof typeof COLOURS} */ (spec.color)]}m${label}\x1b[0m ` : `${label} `;
}

async function main() {
  const goUserService = userServiceImpl(process.env) === 'go';
  await refuseSecondSandbox();
  if (goUserService) {
    say(
      'USER_SERVICE_IMPL=go: user-service is the Go one (user-service-go/); building it if its sources changed (the first build takes a minute)…',
    );
    const failure = buildGoUserService();
    if (failure) {
      say(`✘ ${failure}`);
      process.exit(1);
    }
  }

  // Each service's address for its callers, unless set: the ports may have been moved.
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, SANDBOX_CONTROL: socketPath, GATEWAY_SECRET: gatewaySecret(process.env) };
  for (const [name, variable] of [
    ['user-service', 'USER_SERVICE_ADDR'],
    ['product-service', 'PRODUCT_SERVICE_ADDR'],
    ['order-service', 'ORDER_SERVICE_ADDR'],
  ]) {
    env[variable] ??= `localhost:${ports[name]}`;
  }
  const supervisor = new Supervisor(env, ports);
  supervisor.on('line', (name, line, stream) => {
    const spec = PROCESSES.find((p) => p.name === name) ?? replicaSpec(name); // "product-service-2": lesson 22
    if (!spec) return;
    if (json && stream === 'stdout') process.stdout.write(`${line}\n`);
    else (stream === 'stdout' ? process.stdout : process.stderr).write(`${prefix(spec)}${line}\n`);
  });
  // a process that ends while the sandbox starts (a setting it refuses, a port taken meanwhile): never
  // "ready", even if something else answers on its port (another sandbox's service)
  let endedWhileStarting = '';
  let ready = false;
  supervisor.on('exit', (name, how, reason) => {
    if (reason === null && !ready) endedWhileStarting ||= `${name} ${how}`;
    if (reason === 'stop')
      say(`■ ${name} ${how} (npm run sandbox -- stop); start it again with: npm run sandbox -- start ${name}`);
    if (reason === null)
      say(`✘ ${name} ${how}; the other processes keep running. Start it again with: npm run sandbox -- start ${name}`);
  });

  const control = await serveControl(supervisor, socketPath);
  let stopping = false;
  const stopEverything = async (/** @type {string} */ why, /** @type {NodeJS.Signals} */ signal = 'SIGTERM') => {
    if (stopping) return;
    stopping = true;
    say(`stopping the sandbox (${why})…`);
    control.close();
    await supervisor.stopAll(signal);
    if (process.platform !== 'win32') fs.rmSync(socketPath, { force: true });
    say('the sandbox has stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stopEverything('Ctrl-C', 'SIGINT'));
  process.on('SIGTERM', () => void stopEverything('SIGTERM'));
  process.on('SIGHUP', () => void stopEverything('SIGHUP: the terminal was closed'));
  whenParentsEnd(() => void stopEverything('npm, which started it, has ended'));

  for (const spec of PROCESSES) supervisor.start(spec.name);
  try {
    await waitUntilReady(gatewayUrl, 30_000, () => stopping || endedWhileStarting !== '');
  } catch (error) {
    if (endedWhileStarting)
      say(`\n✘ the sandbox is not ready: ${endedWhileStarting} as it started (its lines above say why)`);
    else if (!stopping) say(`\n✘ the sandbox is not ready: ${/** @type {Error} */ (error).message}`);
    return;
  }
  ready = true;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(`\n✔ sandbox ready in ${seconds} s: ${gatewayUrl} (Ctrl-C stops it). Try the diagram's order:`);
  say(
    `  curl -X POST ${gatewayUrl}/api/orders -H 'Content-Type: application/json' -d '{"userId":"1","productId":"1","quantity":2}'`,
  );
  say(
    `A second terminal controls it: npm run sandbox -- status | stop <service> | start <service> | restart <service> | reset`,
  );
  if (!goUserService) {
    say(
      `The diagram draws user-service in Go: USER_SERVICE_IMPL=go npm start runs user-service-go/ in its place (tutorial lesson 19)${hasGo() ? '' : `; it needs Go (apt-get install ${GO_PACKAGES})`}`,
    );
  }
  say('');
}

/**
 * Before anything starts: if a sandbox already runs here, or something else holds one of our
 * ports, say so in one line and exit 1 (never "ready": that would be the other sandbox answering).
 */
async function refuseSecondSandbox() {
  // without its socket file no sandbox can answer: not asked (a Windows pipe is no file: asked)
  if (process.platform === 'win32' || fs.existsSync(socketPath)) {
    try {
      const { body } = await askSandbox(socketPath, 'GET', '/status', 2000);
      say(
        `✘ a sandbox is already running (launcher pid ${body.pid}, ${gatewayUrl}): stop it with Ctrl-C in its terminal or \`kill ${body.pid}\`, or start this one on other ports (GATEWAY_PORT, USER_SERVICE_PORT, …)`,
      );
      process.exit(1);
    } catch {
      // no sandbox answers: go on and check the ports
    }
  }
  // the four ports at once: each check waits on the system, not on the others
  const free = await Promise.all(PROCESSES.map((spec) => canListen(ports[spec.name])));
  const taken = PROCESSES.filter((_spec, i) => !free[i]);
  if (taken.length > 0) {
    const what = taken.map((spec) => `${ports[spec.name]} (${spec.name}, ${spec.portVariable})`).join(', ');
    say(
      `✘ port${taken.length > 1 ? 's' : ''} ${what} already in use by another program: stop it (a service started by hand in another terminal, say), or set the variable to another port`,
    );
    process.exit(1);
  }
}

/** Whether this machine's loopback port is free: try to listen on it, then let it go. */
function canListen(/** @type {number} */ port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * npm runs us through a shell (npm → sh → node). `kill <pid of npm>` makes npm pass SIGTERM to the
 * shell, which ends without passing it on; and npm does not pass SIGHUP on at all. So watch our
 * parents: when the shell or npm is gone, stop everything.
 */
function whenParentsEnd(/** @type {() => void} */ stop) {
  const parents = launchingParents();
  const check = setInterval(() => {
    if (parents.some((pid) => !isAlive(pid))) {
      clearInterval(check);
      stop();
    }
  }, 250);
  check.unref();
}

/** The shell and npm that launched this process, where /proc tells (Linux); else just the parent. */
function launchingParents() {
  const parents = [process.ppid];
  try {
    for (let pid = process.ppid; parents.length < 4;) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8');
      if (parent <= 1 || !/npm|start\.js/.test(command)) break;
      parents.push(parent);
      pid = parent;
    }
  } catch {
    // no /proc here: the parent alone
  }
  return parents;
}

function isAlive(/** @type {number} */ pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
  // an ended process whose own parent has not collected it yet (a zombie) still takes signals
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc here: signals are all we know
  }
}

main().catch((error) => {
  say(`✘ npm start failed: ${error.message}`);
  process.exit(1);
});
