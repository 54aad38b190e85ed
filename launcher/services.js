// @ts-check
// The four processes of the sandbox, as DIAGRAM.md draws them. launcher/start.js (npm start) and
// test/support/harness.ts (tests, benchmark) both start them from this list, through launcher/supervisor.js.
// Plain JavaScript (type-checked by tsc through @ts-check): npm start runs launcher/start.js with
// node alone (package.json), and this file loads with it, before any TypeScript can.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/**
 * @typedef {object} ProcessSpec
 * @property {string} name
 * @property {string} entry relative to the repository root
 * @property {string} portVariable
 * @property {number} defaultPort
 * @property {string} color npm start's prefix colour
 * @property {string} [replicaOf] for a replica of a scaled service ("product-service-2"): the service
 * @property {number} [replica] and which replica it is: 2, 3, …
 */

/** @type {ProcessSpec[]} all four start at once; the gateway just keeps retrying its peers */
const PROCESSES = [
  {
    name: 'user-service',
    entry: 'user-service/src/index.ts',
    portVariable: 'USER_SERVICE_PORT',
    defaultPort: 50051,
    color: 'blue',
  },
  {
    name: 'product-service',
    entry: 'product-service/src/index.ts',
    portVariable: 'PRODUCT_SERVICE_PORT',
    defaultPort: 50052,
    color: 'magenta',
  },
  {
    name: 'order-service',
    entry: 'order-service/src/index.ts',
    portVariable: 'ORDER_SERVICE_PORT',
    defaultPort: 50053,
    color: 'green',
  },
  {
    name: 'api-gateway',
    entry: 'api-gateway/src/index.ts',
    portVariable: 'GATEWAY_PORT',
    defaultPort: 3000,
    color: 'yellow',
  },
];

/** The three gRPC services (all but the gateway). */
const SERVICE_NAMES = ['user-service', 'product-service', 'order-service'];

// The services that can run as several processes (npm run sandbox -- scale, tutorial lesson 22),
// and the variable that tells their callers (api-gateway, order-service) where they are.
// order-service is not one of them: product-service follows its events stream (lesson 17), which
// reaches one replica only.
const SCALABLE = [
  { service: 'user-service', addressVariable: /** @type {const} */ ('USER_SERVICE_ADDR') },
  { service: 'product-service', addressVariable: /** @type {const} */ ('PRODUCT_SERVICE_ADDR') },
];

/**
 * The spec of a replica, from its name ("product-service-2"), or undefined.
 * @param {string} name
 * @returns {ProcessSpec | undefined}
 */
function replicaSpec(name) {
  const match = /^(.+-service)-(\d+)$/.exec(name);
  const base =
    match && SCALABLE.some((s) => s.service === match[1]) ? PROCESSES.find((p) => p.name === match[1]) : undefined;
  return base && match && Number(match[2]) >= 2
    ? { ...base, name, replicaOf: base.name, replica: Number(match[2]) }
    : undefined;
}

/**
 * Where a running sandbox takes commands (`npm run sandbox -- …`, the page's buttons): a socket
 * only this machine's users can reach, named after the gateway's port, so a second terminal finds
 * it from the same settings.
 * @param {number | string} gatewayPort
 */
function controlPath(gatewayPort) {
  if (process.platform === 'win32') return `\\\\?\\pipe\\grpc-sandbox-${gatewayPort}`;
  return path.join(os.tmpdir(), `grpc-sandbox-${gatewayPort}.sock`);
}

/**
 * Each process's port, from its variable (USER_SERVICE_PORT, …) or the diagram's default.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, number>}
 */
function portsFrom(env) {
  return Object.fromEntries(PROCESSES.map((p) => [p.name, Number(env[p.portVariable] || p.defaultPort)]));
}

// Each process's TypeScript runs with its types stripped as it loads (protos/register.js, with
// sucrase): not through ts-node, which would load TypeScript's compiler into each of them (about
// 50 MB and a third of a second more each; BENCHMARKS.md). Types are checked by `npm test` (tsc --noEmit).
const NODE_ARGS = ['--require', path.join(ROOT, 'protos', 'register.js')];

// USER_SERVICE_IMPL=go: the diagram's "USER SERVICE (Golang)" (user-service-go/, tutorial lesson 19)
// runs in place of user-service/. The other three processes do not change: they only know the
// contract. Built from source by user-service-go/build.sh, which needs Go.
const GO_USER_SERVICE = path.join(ROOT, 'user-service-go', 'user-service');
const GO_PACKAGES =
  'golang-go golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev golang-golang-x-crypto-dev';

/**
 * Which user-service to run: "ts" (user-service/, the default) or "go" (user-service-go/).
 * @param {NodeJS.ProcessEnv} env
 * @returns {'ts' | 'go'}
 */
function userServiceImpl(env) {
  const value = env.USER_SERVICE_IMPL || 'ts';
  if (value !== 'ts' && value !== 'go')
    throw new Error(
      `USER_SERVICE_IMPL must be ts (user-service/, the default) or go (user-service-go/); not ${JSON.stringify(value.slice(0, 40))}`,
    );
  return value;
}

/**
 * The program that runs a process, and its arguments.
 * @param {ProcessSpec} spec
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ file: string, args: string[] }}
 */
function commandOf(spec, env) {
  if (spec.name === 'user-service' && userServiceImpl(env) === 'go') return { file: GO_USER_SERVICE, args: [] };
  return { file: process.execPath, args: [...NODE_ARGS, spec.entry] };
}

/** Whether Go is installed (`go version` runs). */
function hasGo() {
  return !spawnSync('go', ['version'], { stdio: 'ignore' }).error;
}

/**
 * Builds user-service-go/user-service from source, unless it is newer than every file it is built
 * from. Returns null when it is ready, or what went wrong, in words that say what to do.
 * @returns {string | null}
 */
function buildGoUserService() {
  if (!hasGo())
    return `USER_SERVICE_IMPL=go needs Go to build user-service-go/: apt-get install ${GO_PACKAGES} (Debian, Ubuntu), or see https://go.dev/doc/install; without it, leave USER_SERVICE_IMPL unset`;
  const built = fs.statSync(GO_USER_SERVICE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = fs
    .readdirSync(path.join(ROOT, 'user-service-go'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(go|mod|sh)$/.test(file));
  if (sources.every((file) => fs.statSync(path.join(ROOT, 'user-service-go', file)).mtimeMs < built)) return null;
  const build = spawnSync('bash', [path.join(ROOT, 'user-service-go', 'build.sh')], { encoding: 'utf8' });
  return build.status === 0 ? null : `user-service-go/build.sh failed:\n${build.stdout}${build.stderr}`;
}

/**
 * The secret the sandbox's processes share (AUTH=required, tutorial lesson 11): GATEWAY_SECRET if
 * set, otherwise a new random one for each start, so no secret is written in any file.
 * @param {NodeJS.ProcessEnv} env
 */
function gatewaySecret(env) {
  return env.GATEWAY_SECRET || crypto.randomBytes(24).toString('base64url');
}

/**
 * Polls the gateway's GET /health until all three services answer SERVING.
 * @param {string} gatewayUrl
 * @param {number} timeoutMs
 * @param {() => boolean} [isCancelled]
 * @returns {Promise<void>}
 */
async function waitUntilReady(gatewayUrl, timeoutMs, isCancelled = () => false) {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'the gateway did not answer';
  while (Date.now() < deadline && !isCancelled()) {
    try {
      const response = await getHealth(gatewayUrl);
      if (response.ok) return;
      lastAnswer = JSON.stringify(JSON.parse(response.body));
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(isCancelled() ? 'start-up was cancelled' : `not ready after ${timeoutMs} ms: ${lastAnswer}`);
}

/**
 * GET /health, through node:http rather than fetch: npm start's launcher asks while the four
 * processes start, and fetch's first use loads its HTTP client, about 30 ms more of the CPU they need.
 * @param {string} gatewayUrl
 * @returns {Promise<{ ok: boolean, body: string }>}
 */
function getHealth(gatewayUrl) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${gatewayUrl}/health`, { timeout: 2000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, body });
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 2 s')));
    request.on('error', reject);
  });
}

module.exports = {
  ROOT,
  PROCESSES,
  SCALABLE,
  SERVICE_NAMES,
  NODE_ARGS,
  replicaSpec,
  GO_PACKAGES,
  buildGoUserService,
  commandOf,
  controlPath,
  gatewaySecret,
  hasGo,
  portsFrom,
  userServiceImpl,
  waitUntilReady,
};
