// npm run bench: starts its own sandbox, measures it, prints one table and writes the figures as
// JSON to bench-results/latest.json. Every figure comes from this one run, so ratios compare like
// with like on whatever machine it runs on.
//   npm run bench               about eight minutes
//   npm run bench -- --quick    a tiny run (seconds) that checks every figure is produced (npm test)
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, loadContract, unaryCall } from '../protos/src';
import { movable } from '../launcher/src';
import type { ProductServiceClient } from '../protos/generated/product/ProductService';
import { freePort, startSandbox, type Sandbox } from '../test/support/harness';
import { buildGoUserService, commandOf, hasGo, NODE_ARGS, PROCESSES, ROOT } from '../launcher/services';
import { createInterface } from 'node:readline';
import { measureStartSteps, startStepRows, type StartSteps } from './start-steps';

const QUICK = process.argv.includes('--quick');
// layerRounds: the gateway's layers measured in turns, this many times each (step 3); subscribers:
// stopped WatchOrders subscribers (step 10), each given resumeWaitMs to tell how its stream ended;
// settleMs: a user-service left idle after it starts, before its memory is read (step 11).
// A quick run measures each figure with the fewest requests that still give it: one sample of each
// latency, and loads of QUICK_REQUESTS; where a load's CPU time per request is a figure, as many
// loads of them as it takes for the process answering to use QUICK_CPU_MICROS (where the kernel
// counts CPU time only in ticks of 10 ms, a figure needs a few ticks: a cache hit costs about 1 ms,
// so two loads; a GET or an order, mostly one).
const QUICK_REQUESTS = 10;
const QUICK_CPU_MICROS = 20_000;
const SETTINGS = QUICK
  ? {
      startups: 1,
      warmUps: 0,
      samples: 1,
      loadSeconds: 0.1,
      connections: 8,
      fanOutDelayMs: 20,
      fanOutSamples: 1,
      layerRounds: 1,
      subscribers: 1,
      resumeWaitMs: 300,
      settleMs: 100,
    }
  : {
      startups: 3,
      warmUps: 30,
      samples: 500,
      loadSeconds: 8,
      connections: 32,
      fanOutDelayMs: 100,
      fanOutSamples: 10,
      layerRounds: 16,
      subscribers: 10,
      resumeWaitMs: 5000,
      settleMs: 500,
    };
const ORDER_BODY = JSON.stringify({ userId: '1', productId: '1', quantity: 2 });
const RESULTS = path.join(ROOT, 'bench-results', 'latest.json');
// the sandbox's logs go to a file: piped into this process, they would slow the load generator
const SANDBOX_LOG = path.join(ROOT, 'bench-results', 'sandbox.log');
// every process the benchmark starts, so its smoke test can check that none outlives it
const startedPids: number[] = [];

interface Latency {
  p50: number;
  p99: number;
}
interface Load {
  requestsPerSecond: number;
  p99: number;
  cpuMicrosPerRequest?: number; // CPU time of the process that answered, per request
}
interface Memory {
  rss: number; // MB resident, counting the shared libraries it maps in full
  pss: number; // MB, its share: pages shared with other processes divided between them
}

let step = 0;
const STEPS = 13;
function progress(what: string): void {
  step += 1;
  console.log(`[${step}/${STEPS}] ${what}`);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
}

function round(n: number, digits = 2): number {
  return Number(n.toFixed(digits));
}

/** Times `count` requests one after another (after a warm-up), in milliseconds. */
async function unloaded(count: number, request: () => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < SETTINGS.warmUps; i++) await request();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await request();
    samples.push(performance.now() - started);
  }
  return latencyOf(samples);
}

async function http(url: string, init?: RequestInit): Promise<void> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status}`);
}

const postOrder = (base: string, headers: Record<string, string> = {}) =>
  http(`${base}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: ORDER_BODY,
  });

/** Two loads in turns, twice each; each one's figures are the average of its two turns. (--quick: once each.) */
async function alternate(a: () => Promise<Load>, b: () => Promise<Load>): Promise<[Load, Load]> {
  if (QUICK) return [await a(), await b()];
  const runs: Load[] = [await a(), await b(), await b(), await a()];
  const average = (x?: number, y?: number) =>
    x === undefined || y === undefined ? undefined : Math.round((x + y) / 2);
  const mean = (x: Load, y: Load): Load => ({
    requestsPerSecond: average(x.requestsPerSecond, y.requestsPerSecond) as number,
    p99: Math.max(x.p99, y.p99),
    cpuMicrosPerRequest: average(x.cpuMicrosPerRequest, y.cpuMicrosPerRequest),
  });
  return [mean(runs[0], runs[3]), mean(runs[1], runs[2])];
}

/** autocannon: `connections` clients sending requests back to back. `pid`: the process answering. */
async function httpLoad(
  url: string,
  options: {
    method?: 'GET' | 'POST';
    body?: string;
    seconds?: number;
    pid?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<Load> {
  const cpuBefore = options.pid === undefined ? 0 : cpuMicros(options.pid);
  const seconds = options.seconds ?? SETTINGS.loadSeconds;
  const load = async () => {
    const result = await autocannon({
      url,
      method: options.method ?? 'GET',
      body: options.body,
      headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      connections: SETTINGS.connections,
      // a quick run sends so many requests rather than load for so long: on a busy machine a tenth of
      // a second could end before the first answer, and a figure per request would have none to divide by
      ...(QUICK ? { amount: QUICK_REQUESTS } : { duration: seconds }),
      // autocannon ends on one of its samples, taken each second by default: a quick run's are shorter
      sampleInt: Math.min(1000, seconds * 1000),
    });
    if (result.requests.total === 0) throw new Error(`${url}: no request was answered under load`);
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors under load`);
    return result;
  };
  const results = [await load()];
  // a quick run: again, until the process answering has used enough CPU time to divide (a full run
  // loads once); at most 20 times, as a process that uses none is not the one answering
  const pid = options.pid;
  while (QUICK && pid !== undefined && cpuMicros(pid) - cpuBefore < QUICK_CPU_MICROS && results.length < 20)
    results.push(await load());
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  // over the whole run: autocannon's average is of whole seconds, and a quick run lasts less than one
  const figures: Load = {
    requestsPerSecond: Math.round(requests / results.reduce((sum, result) => sum + result.duration, 0)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
  };
  if (options.pid !== undefined)
    figures.cpuMicrosPerRequest = Math.round((cpuMicros(options.pid) - cpuBefore) / requests);
  return figures;
}

// CPU time a process has used, in microseconds: the time each of its threads has run, in
// nanoseconds (Linux: /proc/<pid>/task/<thread>/schedstat); where the kernel does not keep that,
// user + system time from /proc/<pid>/stat, in ticks of 10 ms (a turn of step 3 is about 50 ticks)
const SCHEDSTAT = fs.existsSync('/proc/self/schedstat');
function cpuMicros(pid: number): number {
  if (SCHEDSTAT) {
    let nanoseconds = 0;
    for (const thread of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        nanoseconds += Number(fs.readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // a thread that ended between the listing and the reading (Node.js's own threads live as long as it)
      }
    }
    return nanoseconds / 1000;
  }
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/**
 * The same kind of load, straight over gRPC: `connections` calls in flight at all times, for
 * loadSeconds; a quick run makes QUICK_REQUESTS calls, and more until `pid` has used QUICK_CPU_MICROS.
 * `pid`: the process answering, whose CPU time per call is counted.
 */
async function grpcLoad(call: () => Promise<unknown>, pid?: number): Promise<Load> {
  const cpuBefore = pid === undefined ? 0 : cpuMicros(pid);
  const samples: number[] = [];
  const began = performance.now();
  const end = began + SETTINGS.loadSeconds * 1000;
  const counted = () => pid === undefined || cpuMicros(pid) - cpuBefore >= QUICK_CPU_MICROS;
  const going = QUICK
    ? () => samples.length < QUICK_REQUESTS || (!counted() && samples.length < 100 * QUICK_REQUESTS)
    : () => performance.now() < end;
  const worker = async () => {
    while (going()) {
      const started = performance.now();
      await call();
      samples.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: SETTINGS.connections }, worker));
  const seconds = QUICK ? (performance.now() - began) / 1000 : SETTINGS.loadSeconds;
  const load: Load = { requestsPerSecond: Math.round(samples.length / seconds), p99: latencyOf(samples).p99 };
  if (pid !== undefined) {
    // the calls answered in loadSeconds (a quick run counts them)
    const calls = QUICK ? samples.length : load.requestsPerSecond * SETTINGS.loadSeconds;
    load.cpuMicrosPerRequest = Math.round((cpuMicros(pid) - cpuBefore) / Math.max(1, calls));
  }
  return load;
}

/**
 * `count` open GET /traces/stream connections, as browser tabs of the page; `stalled` ones never
 * read, like a frozen tab. Resolves once the gateway has accepted them all.
 */
async function openStreams(port: number, count: number, stalled: boolean): Promise<() => void> {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1');
          socket.once('data', (chunk) =>
            chunk.toString().startsWith('HTTP/1.1 200')
              ? resolve(socket)
              : reject(new Error(`a trace stream was refused: ${chunk}`)),
          );
          socket.on('error', reject);
          socket.write('GET /traces/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        }),
    ),
  );
  for (const socket of sockets) {
    if (stalled) socket.pause();
    else socket.resume(); // read and discard, as a page that keeps up
  }
  return () => sockets.forEach((socket) => socket.destroy());
}

function memoryOf(pid: number | undefined): Memory {
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const mb = (field: string) =>
    Math.round(Number(rollup.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1]) / 1024);
  return { rss: mb('Rss'), pss: mb('Pss') };
}

async function timeStartup(): Promise<{ seconds: number; sandbox: Sandbox }> {
  const started = performance.now();
  // LOG_FORMAT as `npm start` has it (pretty), so logging costs what it costs for a student
  // room for the 100 trace streams of the streams step; and logins at the cost students have, not
  // the tests' cheaper one; and at most 100 requests traced a second unless you set otherwise, not
  // every one as in the tests (test/support/harness.ts)
  const sandbox = await startSandbox({
    env: {
      LOG_FORMAT: 'pretty',
      TRACE_STREAMS_MAX: '100',
      PASSWORD_HASH_COST: '16384',
      TRACES_PER_SECOND: process.env.TRACES_PER_SECOND,
    },
    logFile: SANDBOX_LOG,
  });
  for (const running of sandbox.processes.values()) startedPids.push(running.child.pid as number);
  return { seconds: round((performance.now() - started) / 1000), sandbox };
}

/** `npm start` as a student types it: from the command to its "sandbox ready" line, in seconds. */
async function timeNpmStart(): Promise<number> {
  const ports = await Promise.all(PROCESSES.map(() => freePort()));
  const env: NodeJS.ProcessEnv = { ...process.env };
  PROCESSES.forEach((p, i) => (env[p.portVariable] = String(ports[i])));
  env.USER_SERVICE_ADDR = `127.0.0.1:${ports[0]}`;
  env.PRODUCT_SERVICE_ADDR = `127.0.0.1:${ports[1]}`;
  env.ORDER_SERVICE_ADDR = `127.0.0.1:${ports[2]}`;
  const started = performance.now();
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  startedPids.push(npm.pid as number);
  const exited = new Promise((resolve) => npm.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      // the launcher's own lines, "ready" among them, are on standard error
      npm.stderr?.on('data', (chunk: Buffer) => (output += chunk).includes('sandbox ready') && resolve());
      void exited.then(() => reject(new Error(`npm start exited before it was ready:\n${output}`)));
    });
    return round((performance.now() - started) / 1000);
  } finally {
    process.kill(-(npm.pid as number), 'SIGINT'); // Ctrl-C
    await exited;
  }
}

/**
 * The gateway with less of it, layer by layer (scripts/bench-baseline.ts says what each holds), and
 * the gateway itself with the lab, its step logs on and off: each a process of its own beside the
 * sandbox, calling its product-service, its standard output into the sandbox's log file.
 */
const LAYERS = {
  bare: 'a bare Express route: one gRPC call (scripts/bench-baseline.ts)',
  diagram: 'the diagram alone: routing + conversion',
  labOff: 'the gateway, lab off, every chapter off (target ≤ 1.05)',
  context: "… and each request in an AsyncLocalStorage: the lab's request context alone",
  labOnQuiet: 'the gateway, lab on, every request traced, its step logs off (LOG_LEVEL=warn)',
  labOnEvery: 'the gateway, lab on, every request traced (TRACES_PER_SECOND=all)',
  labOn: 'the gateway, lab on, as npm start runs it: at most 100 traced a second (target ≤ 1.25)',
} as const;
type Layer = keyof typeof LAYERS;

interface Variant {
  layer: Layer;
  url: string;
  pid: number; // the process answering: its CPU time is counted
}

// under load, the gateway traces at most TRACES_PER_SECOND requests a second (lab/src/sampling.ts):
// these layers trace every one, as the gateway did before, to show what a traced request costs
const EVERY_REQUEST = { TRACES_PER_SECOND: 'all' };

const BASELINES: Partial<Record<Layer, string>> = {
  bare: 'bare',
  diagram: 'diagram',
  labOff: 'gateway',
  context: 'context',
};

/**
 * The layers' processes: scripts/bench-baseline.ts once for each baseline, the gateway itself three
 * times (every request traced, its step logs on and off; and as npm start runs it). A quick run
 * saves starting processes: one baseline process serves all four, one gateway both layers that
 * trace every request, and the sandbox's own gateway is the one as npm start runs it.
 */
async function startLayers(sandbox: Sandbox, log: number, children: ChildProcess[]): Promise<Variant[]> {
  const layers = Object.keys(LAYERS) as Layer[];
  const ports = Object.fromEntries(await Promise.all(layers.map(async (l) => [l, await freePort()]))) as Record<
    Layer,
    number
  >;
  const variant = (layer: Layer, pid: number, port = ports[layer]): Variant => ({
    layer,
    url: `http://127.0.0.1:${port}/api/products/1`,
    pid,
  });
  // A free port is only free when it is picked: another process (a test's sandbox, when the tests
  // run this) may bind it first, and the layer's process then exits at start, its port in use. It
  // is started again on ports picked anew, as test/support/harness.ts starts a sandbox again.
  const start = async (file: string, layersOf: Layer[], setup: () => [NodeJS.ProcessEnv, Variant[]]) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await startOnce(file, ...setup());
      } catch (error) {
        if (attempt === 3) throw error;
        for (const layer of layersOf) ports[layer] = await freePort();
      }
    }
  };
  // the sandbox's settings, not its launcher: these processes are the benchmark's own
  const startOnce = async (file: string, env: NodeJS.ProcessEnv, answering: Variant[]) => {
    const child = spawn(process.execPath, [...NODE_ARGS, file], {
      cwd: ROOT,
      env: { ...sandbox.env, SANDBOX_CONTROL: '', ...env },
      stdio: ['ignore', log, log],
    });
    children.push(child);
    startedPids.push(child.pid as number);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${file} exited with code ${code}`))),
    );
    // ready once it answers the GET it is measured on
    const answers = async (url: string) => {
      while (child.exitCode === null && child.signalCode === null) {
        const ok = await fetch(url).then(
          (response) => response.arrayBuffer().then(() => response.ok),
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await Promise.race([Promise.all(answering.map(({ url }) => answers(url))), exited]);
    return answering.map((v) => ({ ...v, pid: child.pid as number }));
  };
  const gateway = (layer: Layer, env: NodeJS.ProcessEnv = {}) =>
    start('api-gateway/src/index.ts', [layer], () => [
      { ...env, GATEWAY_PORT: String(ports[layer]) },
      [variant(layer, 0)],
    ]);
  const baselines = (chosen: Layer[]) =>
    start('scripts/bench-baseline.ts', chosen, () => [
      { BASELINE: chosen.map((l) => BASELINES[l]).join(','), BASELINE_PORT: chosen.map((l) => ports[l]).join(',') },
      chosen.map((l) => variant(l, 0)),
    ]);
  const chosenBaselines = layers.filter((l) => BASELINES[l]);
  const sandboxGateway = sandbox.processes.get('api-gateway');
  const started = QUICK
    ? [
        baselines(chosenBaselines),
        // one process for both layers that trace every request
        start('api-gateway/src/index.ts', ['labOnQuiet'], () => [
          { ...EVERY_REQUEST, GATEWAY_PORT: String(ports.labOnQuiet) },
          [variant('labOnQuiet', 0), variant('labOnEvery', 0, ports.labOnQuiet)],
        ]),
        Promise.resolve([variant('labOn', sandboxGateway?.child.pid as number, sandboxGateway?.port)]),
      ]
    : [
        ...chosenBaselines.map((l) => baselines([l])),
        gateway('labOnQuiet', { ...EVERY_REQUEST, LOG_LEVEL: 'warn' }),
        gateway('labOnEvery', EVERY_REQUEST),
        gateway('labOn'),
      ];
  const variants = (await Promise.all(started)).flat();
  return layers.map((l) => variants.find((v) => v.layer === l) as Variant);
}

interface LayerFigures {
  rounds: number;
  seconds: number; // of each turn
  load: Record<Layer, Load>; // each layer's median CPU per GET and throughput
  cpuOverBare: Record<Layer, number>; // the median of the rounds' ratios
  throughputOverBare: Record<Layer, number>;
  // each layer's best turn against the bare route's: what a turn costs when nothing else got in its way
  cpuOverBareBest: Record<Layer, number>;
  runs: Record<Layer, Load[]>; // every turn, in order
}

/**
 * Step 3: GET /api/products/1 under load through each layer, one after the other, `layerRounds`
 * times (the order reversed every other round), after a warm-up of each. A ratio is taken within
 * each round, where the machine was as busy for all, and the median of those is reported.
 */
async function measureLayers(variants: Variant[]): Promise<LayerFigures> {
  // short turns, many rounds: two processes of the same code measured in one run then agree within
  // about 0.03, where five rounds of 2 s each differed by up to 0.08 (the machine's pace changes
  // from one second to the next, and a round's ratio is taken where it was the same for every layer)
  const seconds = QUICK ? 0.1 : SETTINGS.loadSeconds / SETTINGS.layerRounds;
  // each process's code compiled for the work it is measured on before any of it counts: V8 keeps
  // optimizing for a minute or so, and in the first runs of this step each layer's CPU per GET fell
  // by half from the first round to the fifth; so every process is loaded twice over first (a quick
  // run's figures are for checking only: it skips the warm-up)
  for (let round = 0; round < (QUICK ? 0 : 2); round += 1)
    for (const variant of variants) await httpLoad(variant.url, { seconds: SETTINGS.loadSeconds / 2 });
  const runs = Object.fromEntries(variants.map((v) => [v.layer, [] as Load[]])) as Record<Layer, Load[]>;
  for (let round = 0; round < SETTINGS.layerRounds; round += 1) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse())
      runs[variant.layer].push(await httpLoad(variant.url, { seconds, pid: variant.pid }));
  }
  const layers = Object.keys(LAYERS) as Layer[];
  const each = <T>(value: (layer: Layer) => T) =>
    Object.fromEntries(layers.map((l) => [l, value(l)])) as Record<Layer, T>;
  // another process's work on this shared machine only ever adds to a turn's CPU time
  const least = (loads: Load[]) => Math.min(...loads.map((load) => load.cpuMicrosPerRequest ?? 0));
  const ratio = (layer: Layer, figure: (load: Load) => number) =>
    round(median(runs[layer].map((load, i) => figure(load) / figure(runs.bare[i]))));
  return {
    rounds: SETTINGS.layerRounds,
    seconds,
    load: each((l) => ({
      requestsPerSecond: median(runs[l].map((load) => load.requestsPerSecond)),
      p99: median(runs[l].map((load) => load.p99)),
      cpuMicrosPerRequest: median(runs[l].map((load) => load.cpuMicrosPerRequest ?? 0)),
    })),
    cpuOverBare: each((l) => ratio(l, (load) => load.cpuMicrosPerRequest ?? 0)),
    throughputOverBare: each((l) => ratio(l, (load) => load.requestsPerSecond)),
    cpuOverBareBest: each((l) => round(least(runs[l]) / least(runs.bare))),
    runs,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  let sandbox: Sandbox | undefined;
  let variants: Variant[] = [];
  let layerProcesses: ChildProcess[] = [];
  let products: ProductServiceClient | undefined;
  const stopVariants = async () => {
    const stopping = layerProcesses.map((child) =>
      child.exitCode === null && child.signalCode === null
        ? new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))
        : undefined,
    );
    layerProcesses = [];
    await Promise.all(stopping);
  };
  const stopAll = async () => {
    products?.close();
    await stopVariants();
    await sandbox?.stop();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  try {
    progress(
      `start-up, step by step: npm itself, the launcher, each process alone and all four at once, the first order (scripts/start-steps.ts), ${SETTINGS.startups} time(s)`,
    );
    // first, while nothing else of the benchmark's own keeps the machine busy; a smoke run measures
    // them meanwhile, its figures being for checking only
    const measuringStartSteps = measureStartSteps(SETTINGS.startups);
    if (!QUICK) await measuringStartSteps;
    else void measuringStartSteps.catch(() => undefined); // its error is met where it is awaited
    progress(`start-up: npm start, and the four processes alone, ${SETTINGS.startups} time(s) each`);
    const npmStarts: number[] = [];
    const startups: number[] = [];
    if (QUICK) {
      // a smoke run starts npm start once: for its start-up step by step, which times it to "ready" too
      const run = await timeStartup();
      startups.push(run.seconds);
      sandbox = run.sandbox;
    } else {
      for (let i = 0; i < SETTINGS.startups; i++) npmStarts.push(await timeNpmStart());
      for (let i = 0; i < SETTINGS.startups; i++) {
        const run = await timeStartup();
        startups.push(run.seconds);
        if (i < SETTINGS.startups - 1) await run.sandbox.stop();
        else sandbox = run.sandbox;
      }
    }
    const running = sandbox as Sandbox;
    const memoryOfAll = () =>
      Object.fromEntries(PROCESSES.map((p) => [p.name, memoryOf(running.processes.get(p.name)?.child.pid)]));
    const memoryAtStartMb = memoryOfAll();
    const startVariants = async () => {
      const log = fs.openSync(SANDBOX_LOG, 'a');
      try {
        variants = await startLayers(running, log, layerProcesses);
      } finally {
        fs.closeSync(log); // each child has its own copy
      }
    };
    // a smoke run starts meanwhile the processes of step 3, and measures step 11 (each user-service alone)
    const startingVariants = QUICK ? startVariants() : undefined;
    const measuringUserServices = QUICK ? measureUserServices() : undefined;
    void Promise.allSettled([startingVariants, measuringUserServices]); // their errors are met where they are awaited
    const productAddr = `127.0.0.1:${running.processes.get('product-service')?.port}`;
    products = new (loadContract().product.ProductService)(productAddr, grpc.credentials.createInsecure());
    const client = products;
    const getProductDirect = () =>
      unaryCall((done) => client.getProduct({ id: '1' }, { deadline: Date.now() + 5000 }, done));

    progress(`unloaded latency: ${SETTINGS.samples} requests one at a time, each kind`);
    const unloadedGet = await unloaded(SETTINGS.samples, () => http(`${running.url}/api/products/1`));
    const unloadedOrder = await unloaded(SETTINGS.samples, () => postOrder(running.url));
    const unloadedDirect = await unloaded(SETTINGS.samples, getProductDirect);

    progress(
      `the gateway's cost per request: GET /api/products/1 under load through a bare Express route and through the gateway layer by layer, in turns, ${SETTINGS.layerRounds} round(s)`,
    );
    await (startingVariants ?? startVariants());
    const layers = await measureLayers(variants);
    await stopVariants();
    const loadGet = layers.load.labOn;
    const loadBare = layers.load.bare;
    progress(
      `load: POST /api/orders through the gateway, ${SETTINGS.connections} connections for ${SETTINGS.loadSeconds} s`,
    );
    const loadOrder = await httpLoad(`${running.url}/api/orders`, { method: 'POST', body: ORDER_BODY });
    progress('load: GetProduct straight over gRPC, the same concurrency');
    const loadDirect = await grpcLoad(getProductDirect);

    progress(`fan-out: orders with both lookups delayed ${SETTINGS.fanOutDelayMs} ms, parallel and sequential`);
    const delay = { 'x-fault-delay': `user=${SETTINGS.fanOutDelayMs},product=${SETTINGS.fanOutDelayMs}` };
    const parallel = await unloaded(SETTINGS.fanOutSamples, () => postOrder(running.url, delay));
    const sequential = await unloaded(SETTINGS.fanOutSamples, () =>
      postOrder(running.url, { ...delay, 'x-fanout': 'sequential' }),
    );
    const memoryAfterLoadMb = memoryOfAll();

    progress(
      'trace streams: GET load with 100 pages following /traces/stream and with none, in turns; then orders with 10 stalled pages',
    );
    const gateway = running.processes.get('api-gateway');
    const getLoad = () =>
      httpLoad(`${running.url}/api/products/1`, { seconds: SETTINGS.loadSeconds / 2, pid: gateway?.child.pid });
    const [loadWith100Streams, loadWithNoStream] = await alternate(async () => {
      const close = await openStreams(gateway?.port as number, 100, false);
      try {
        return await getLoad();
      } finally {
        close();
      }
    }, getLoad);
    const closeStalled = await openStreams(gateway?.port as number, 10, true);
    const beforeStalled = memoryOf(gateway?.child.pid);
    await httpLoad(`${running.url}/api/orders`, { method: 'POST', body: ORDER_BODY });
    const afterStalled = memoryOf(gateway?.child.pid);
    closeStalled();

    progress(
      'the "Future" box: GET load with each of auth, rate limiting and caching off and on, in turns; a cache hit unloaded',
    );
    const tokenOf = async (email: string, password: string) => {
      const login = await fetch(`${running.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return ((await login.json()) as { token: string }).token;
    };
    const token = await tokenOf('john@example.com', 'john-secret');
    // with AUTH=required the switches are the admin's: Ada's token goes along
    const admin = { authorization: `Bearer ${await tokenOf('ada@example.com', 'ada-secret')}` };
    const settings = (changes: object) =>
      http(`${running.url}/lab/settings`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...admin },
        body: JSON.stringify(changes),
      });
    /** GET load with every feature off, and with `on` switched on, in turns. */
    const offAndOn = (on: object, headers: Record<string, string> = {}) =>
      alternate(
        async () => (await settings({ auth: 'off', rateLimit: 'off', cacheTtlMs: 0 }), getLoad()),
        async () => {
          await settings(on);
          return httpLoad(`${running.url}/api/products/1`, {
            seconds: SETTINGS.loadSeconds / 2,
            pid: gateway?.child.pid,
            headers,
          });
        },
      );
    const [authOff, authOn] = await offAndOn({ auth: 'required' }, { authorization: `Bearer ${token}` });
    // a limit no client reaches: what counting costs
    const [rateOff, rateOn] = await offAndOn({ rateLimit: '1000000/s' });
    const [cacheOff, cacheOn] = await offAndOn({ cacheTtlMs: 600_000 });
    await settings({ auth: 'off', rateLimit: 'off', cacheTtlMs: 0 });
    const getMiss = await unloaded(SETTINGS.samples, () => http(`${running.url}/api/products/1`));
    await settings({ cacheTtlMs: 600_000 });
    const getHit = await unloaded(SETTINGS.samples, () => http(`${running.url}/api/products/1`));
    await settings({ cacheTtlMs: 0 });
    const future = {
      auth: { off: authOff, on: authOn },
      rateLimit: { off: rateOff, on: rateOn },
      cache: { off: cacheOff, on: cacheOn },
      unloadedGetMs: { cacheOff: getMiss, cacheHit: getHit },
    };

    // an order with its user and product, three ways (lessons 14 and 15): each makes the same three
    // gRPC calls behind the gateway; they differ in HTTP requests, and round trips one after another
    progress(
      'an order with its user and product: three REST requests, one with ?expand, one GraphQL query; then 100 orders with their users',
    );
    const json = { 'content-type': 'application/json' };
    const order = (await (
      await fetch(`${running.url}/api/orders`, { method: 'POST', headers: json, body: ORDER_BODY })
    ).json()) as { id: string };
    const threeRequests = await unloaded(SETTINGS.samples, async () => {
      const { userId, productId } = (await (await fetch(`${running.url}/api/orders/${order.id}`)).json()) as {
        userId: string;
        productId: string;
      };
      await Promise.all([http(`${running.url}/api/users/${userId}`), http(`${running.url}/api/products/${productId}`)]);
    });
    const expanded = await unloaded(SETTINGS.samples, () =>
      http(`${running.url}/api/orders/${order.id}?expand=user,product`),
    );
    const graphqlBody = (query: string) => ({ method: 'POST', headers: json, body: JSON.stringify({ query }) });
    const oneQuery = await unloaded(SETTINGS.samples, () =>
      http(
        `${running.url}/graphql`,
        graphqlBody(
          `{ order(id: "${order.id}") { id quantity totalPrice user { id name email } product { id name price } } }`,
        ),
      ),
    );
    // the N+1 case: a page of 100 orders with each order's user (the load above made them, all John's):
    // GraphQL's loader makes it 1 ListOrders + 1 GetUser; a REST client makes 1 + 100 requests
    // a tenth of the samples: each REST sample is 101 requests
    const pageSamples = Math.ceil(SETTINGS.samples / 10);
    const pageAsGraphql = await unloaded(pageSamples, () =>
      http(
        `${running.url}/graphql`,
        graphqlBody('{ orders(pageSize: 100) { items { id totalPrice user { name } } } }'),
      ),
    );
    const pageAsRest = await unloaded(pageSamples, async () => {
      const { orders } = (await (await fetch(`${running.url}/api/orders?pageSize=100`)).json()) as {
        orders: Array<{ userId: string }>;
      };
      await Promise.all(orders.map((o) => http(`${running.url}/api/users/${o.userId}`)));
    });
    const orderWithParts = {
      threeRestRequests: { httpRequests: 3, roundTripsInSequence: 2, ms: threeRequests },
      restWithExpand: { httpRequests: 1, roundTripsInSequence: 1, ms: expanded },
      graphqlQuery: { httpRequests: 1, roundTripsInSequence: 1, ms: oneQuery },
      ordersWithUsers: { graphqlOneRequest: pageAsGraphql, restOnePlusOnePerOrder: pageAsRest },
    };

    progress(
      `the saga (lesson 16): order load with it off and on, in turns; order-service's memory under order load with ${SETTINGS.subscribers} stopped WatchOrders subscribers, and with none`,
    );
    const sagaFigures = await measureSaga(running, settings);

    progress(
      'user-service in TypeScript and in Go (lesson 19): from start to accepting calls, memory, GetUser unloaded and under load, each alone, in turns',
    );
    const userServices = await (measuringUserServices ?? measureUserServices());

    progress(
      "replicas (lesson 22): GET and order load with product-service as one process and as two, in turns; the replica's memory",
    );
    const replicas = await measureReplicas(running);

    const startSteps = await measuringStartSteps;
    if (QUICK) npmStarts.push(round(startSteps.npmStartReadyMs / 1000));
    const figures = {
      startSteps,
      date: new Date().toISOString(),
      quick: QUICK,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      settings: SETTINGS,
      startupSeconds: { median: median(startups), runs: startups },
      npmStartSeconds: { median: median(npmStarts), runs: npmStarts },
      memoryMb: { afterStart: memoryAtStartMb, afterLoad: memoryAfterLoadMb },
      layers,
      unloadedMs: { getProduct: unloadedGet, createOrder: unloadedOrder, getProductDirectGrpc: unloadedDirect },
      load: {
        getProduct: loadGet,
        createOrder: loadOrder,
        getProductDirectGrpc: loadDirect,
        getProductBareExpress: loadBare,
      },
      ratios: {
        gatewayLatencyOverDirectGrpc: round(unloadedGet.p50 / unloadedDirect.p50),
        gatewayThroughputOverDirectGrpc: round(loadGet.requestsPerSecond / loadDirect.requestsPerSecond),
        // the lab on, as npm start runs it (step 3: medians of the rounds' ratios)
        gatewayThroughputOverBareExpress: layers.throughputOverBare.labOn,
        gatewayCpuOverBareExpress: layers.cpuOverBare.labOn,
        gatewayLabOffCpuOverBareExpress: layers.cpuOverBare.labOff,
        gatewayLabOffThroughputOverBareExpress: layers.throughputOverBare.labOff,
        fanOutParallelOverSequential: round(parallel.p50 / sequential.p50),
      },
      fanOutMs: { delayEachMs: SETTINGS.fanOutDelayMs, parallel: parallel.p50, sequential: sequential.p50 },
      streams: {
        getWith100Streams: loadWith100Streams,
        getWithNoStream: loadWithNoStream,
        throughput100StreamsOverNone: round(loadWith100Streams.requestsPerSecond / loadWithNoStream.requestsPerSecond),
        gatewayMbWith10StalledStreams: { beforeOrderLoad: beforeStalled, afterOrderLoad: afterStalled },
      },
      future,
      orderWithParts,
      saga: sagaFigures,
      userServices,
      replicas,
      durationSeconds: 0,
      startedPids,
    };
    figures.durationSeconds = round((performance.now() - started) / 1000, 1);
    fs.writeFileSync(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
    printTable(figures);
    console.log(
      `\nFigures as JSON: ${path.relative(process.cwd(), RESULTS)} · the sandbox's logs: ${path.relative(process.cwd(), SANDBOX_LOG)} · the benchmark took ${figures.durationSeconds} s`,
    );
  } finally {
    await stopAll();
  }
}

type Figures = {
  startSteps: StartSteps;
  startupSeconds: { median: number; runs: number[] };
  npmStartSeconds: { median: number; runs: number[] };
  memoryMb: { afterStart: Record<string, Memory>; afterLoad: Record<string, Memory> };
  layers: LayerFigures;
  unloadedMs: Record<'getProduct' | 'createOrder' | 'getProductDirectGrpc', Latency>;
  load: Record<'getProduct' | 'createOrder' | 'getProductDirectGrpc' | 'getProductBareExpress', Load>;
  ratios: Record<string, number>;
  fanOutMs: { delayEachMs: number; parallel: number; sequential: number };
  streams: {
    getWith100Streams: Load;
    getWithNoStream: Load;
    throughput100StreamsOverNone: number;
    gatewayMbWith10StalledStreams: { beforeOrderLoad: Memory; afterOrderLoad: Memory };
  };
  future: Record<'auth' | 'rateLimit' | 'cache', { off: Load; on: Load }> & {
    unloadedGetMs: { cacheOff: Latency; cacheHit: Latency };
  };
  orderWithParts: Record<
    'threeRestRequests' | 'restWithExpand' | 'graphqlQuery',
    { httpRequests: number; roundTripsInSequence: number; ms: Latency }
  > & {
    ordersWithUsers: { graphqlOneRequest: Latency; restOnePlusOnePerOrder: Latency };
  };
  saga: SagaFigures;
  userServices: UserServiceFigures;
  replicas: ReplicaFigures;
  quick: boolean;
};

function printTable(f: Figures): void {
  const mem = (m: Record<string, Memory>) =>
    `${PROCESSES.map((p) => m[p.name].pss).join(' / ')} MB (resident: ${PROCESSES.map((p) => m[p.name].rss).join(' / ')})`;
  const lat = (l: Latency) => `${l.p50} / ${l.p99} ms`;
  const load = (l: Load) => `${l.requestsPerSecond} req/s, p99 ${l.p99} ms`;
  const rows: Array<[string, string]> = [
    ...startStepRows(f.startSteps).map(([what, ms]): [string, string] => [
      `start-up, step by step: ${what.trim()}`,
      `${ms} ms`,
    ]),
    [
      'start-up: `npm start` → its "ready" line (target, with the first order after it: ≤ 1.5 s)',
      `${f.npmStartSeconds.median} s (runs: ${f.npmStartSeconds.runs.join(', ')})`,
    ],
    [
      'start-up: the four processes launched → all four answer',
      `${f.startupSeconds.median} s (runs: ${f.startupSeconds.runs.join(', ')})`,
    ],
    [
      'memory after start, resident (RSS) per process: user / product / order-service / api-gateway; Go user-service',
      `${PROCESSES.map((p) => f.memoryMb.afterStart[p.name].rss).join(' / ')} MB; ${f.userServices.go ? `${f.userServices.go.memoryMb.afterStart.rss} MB` : 'not built'}`,
    ],
    ['memory after start, share of each (user / product / order / gateway)', mem(f.memoryMb.afterStart)],
    ['memory after the load', mem(f.memoryMb.afterLoad)],
    ['unloaded GET /api/products/1, p50 / p99', lat(f.unloadedMs.getProduct)],
    ['unloaded POST /api/orders, p50 / p99', lat(f.unloadedMs.createOrder)],
    ['unloaded GetProduct straight over gRPC, p50 / p99', lat(f.unloadedMs.getProductDirectGrpc)],
    ['load GET /api/products/1 (gateway)', load(f.load.getProduct)],
    ['load POST /api/orders (gateway)', load(f.load.createOrder)],
    ['load GetProduct straight over gRPC', load(f.load.getProductDirectGrpc)],
    ['load GET /api/products/1 (bare Express baseline)', load(f.load.getProductBareExpress)],
    ['gateway ÷ direct gRPC, unloaded p50 latency', `${f.ratios.gatewayLatencyOverDirectGrpc}×`],
    ['gateway ÷ direct gRPC, throughput', `${f.ratios.gatewayThroughputOverDirectGrpc}×`],
    [
      `CPU time per GET under load, by layer (÷ bare Express: the median of ${f.layers.rounds} round(s) in turns; best turns: each one's least ÷ bare's least)`,
      '',
    ],
    ...(Object.keys(LAYERS) as Layer[]).map((layer): [string, string] => [
      `  ${LAYERS[layer]}`,
      `${f.layers.load[layer].cpuMicrosPerRequest} µs${layer === 'bare' ? '' : ` (${f.layers.cpuOverBare[layer]}×; best turns ${f.layers.cpuOverBareBest[layer]}×)`}, ${f.layers.load[layer].requestsPerSecond} req/s`,
    ]),
    [
      'gateway ÷ bare Express, throughput: lab on / lab off (target ≥ 0.8)',
      `${f.layers.throughputOverBare.labOn}× / ${f.layers.throughputOverBare.labOff}×`,
    ],
    [
      `fan-out, lookups delayed ${f.fanOutMs.delayEachMs} ms: parallel / sequential`,
      `${f.fanOutMs.parallel} / ${f.fanOutMs.sequential} ms`,
    ],
    ['fan-out ratio parallel ÷ sequential (ideal 0.5)', `${f.ratios.fanOutParallelOverSequential}`],
    [
      'GET load with 100 open trace streams ÷ with none',
      `${f.streams.throughput100StreamsOverNone}× (${f.streams.getWith100Streams.requestsPerSecond} vs ${f.streams.getWithNoStream.requestsPerSecond} req/s; CPU ${f.streams.getWith100Streams.cpuMicrosPerRequest} vs ${f.streams.getWithNoStream.cpuMicrosPerRequest} µs per GET)`,
    ],
    [
      'gateway memory, 10 stalled trace streams, before → after an order load',
      `${f.streams.gatewayMbWith10StalledStreams.beforeOrderLoad.rss} → ${f.streams.gatewayMbWith10StalledStreams.afterOrderLoad.rss} MB resident`,
    ],
    ...(['auth', 'rateLimit', 'cache'] as const).map((feature): [string, string] => {
      const { off, on } = f.future[feature];
      const label = {
        auth: 'AUTH=required (a token on each GET)',
        rateLimit: 'RATE_LIMIT (never reached)',
        cache: 'CACHE_TTL_MS (every GET a hit)',
      }[feature];
      return [
        `GET load, ${label}: on ÷ off`,
        `${round(on.requestsPerSecond / off.requestsPerSecond)}× (${on.requestsPerSecond} vs ${off.requestsPerSecond} req/s; CPU ${on.cpuMicrosPerRequest} vs ${off.cpuMicrosPerRequest} µs per GET)`,
      ];
    }),
    [
      'unloaded GET /api/products/1, cache hit vs cache off, p50 / p99',
      `${lat(f.future.unloadedGetMs.cacheHit)} vs ${lat(f.future.unloadedGetMs.cacheOff)}`,
    ],
    ...(['threeRestRequests', 'restWithExpand', 'graphqlQuery'] as const).map((way): [string, string] => {
      const { httpRequests, roundTripsInSequence, ms } = f.orderWithParts[way];
      const label = {
        threeRestRequests: 'three REST requests',
        restWithExpand: 'GET /api/orders/:id?expand=user,product',
        graphqlQuery: 'one GraphQL query',
      }[way];
      return [
        `an order with its user and product: ${label}, p50 / p99`,
        `${lat(ms)} (${httpRequests} HTTP request${httpRequests > 1 ? 's' : ''}, ${roundTripsInSequence} round trip${roundTripsInSequence > 1 ? 's' : ''} in sequence)`,
      ];
    }),
    [
      "100 orders with each one's user: one GraphQL query (batched) vs REST, 1 + 100 requests",
      `${lat(f.orderWithParts.ordersWithUsers.graphqlOneRequest)} vs ${lat(f.orderWithParts.ordersWithUsers.restOnePlusOnePerOrder)}`,
    ],
    [
      'POST /api/orders load, ORDER_SAGA on ÷ off',
      `${f.saga.load.onOverOff}× (${f.saga.load.on.requestsPerSecond} vs ${f.saga.load.off.requestsPerSecond} req/s; order-service CPU ${f.saga.load.on.cpuMicrosPerRequest} vs ${f.saga.load.off.cpuMicrosPerRequest} µs per order)`,
    ],
    [
      'unloaded POST /api/orders, saga on vs off, p50 / p99',
      `${lat(f.saga.unloadedOrderMs.on)} vs ${lat(f.saga.unloadedOrderMs.off)}`,
    ],
    [
      `order-service memory across an order load (saga on): with ${f.saga.subscribers.count} stopped WatchOrders subscribers vs none`,
      `${f.saga.orderServiceMb.stoppedSubscribers.before.rss} → ${f.saga.orderServiceMb.stoppedSubscribers.after.rss} MB vs ${f.saga.orderServiceMb.noSubscriber.before.rss} → ${f.saga.orderServiceMb.noSubscriber.after.rss} MB resident (${f.saga.eventsDuringLoad} events; the subscribers got ${f.saga.subscribers.eventsReceived.join(', ')} of them, then ${f.saga.subscribers.endedWith})`,
    ],
  ];
  for (const impl of ['ts', 'go'] as const) {
    const figures = f.userServices[impl];
    const label = `user-service in ${impl === 'ts' ? 'TypeScript' : 'Go'}, alone: ready after, memory after start → after load, GetUser p50, GetUser load`;
    if (!figures) rows.push([label, f.userServices.goMissing ?? 'not measured']);
    else
      rows.push([
        label,
        `${figures.readyMs} ms; ${figures.memoryMb.afterStart.rss} → ${figures.memoryMb.afterLoad.rss} MB resident (${figures.memoryMb.afterStart.pss} → ${figures.memoryMb.afterLoad.pss} MB its share); ${figures.getUserMs.p50} ms; ${figures.load.requestsPerSecond} req/s, CPU ${figures.load.cpuMicrosPerRequest} µs per call`,
      ]);
  }
  const r = f.replicas;
  rows.push(
    [
      'GET load, product-service as two replicas ÷ one',
      `${round(r.getProduct.two.requestsPerSecond / r.getProduct.one.requestsPerSecond)}× (${r.getProduct.two.requestsPerSecond} vs ${r.getProduct.one.requestsPerSecond} req/s, p99 ${r.getProduct.two.p99} vs ${r.getProduct.one.p99} ms)`,
    ],
    [
      'POST /api/orders load, product-service as two replicas ÷ one',
      `${round(r.createOrder.two.requestsPerSecond / r.createOrder.one.requestsPerSecond)}× (${r.createOrder.two.requestsPerSecond} vs ${r.createOrder.one.requestsPerSecond} req/s, p99 ${r.createOrder.two.p99} vs ${r.createOrder.one.p99} ms)`,
    ],
    [
      'a replica of product-service: scaled to two in, its memory after the load',
      `${r.scaleUpMs} ms; ${r.replicaMb.rss} MB resident (${r.replicaMb.pss} MB its share)`,
    ],
    [
      'GetProduct load straight over gRPC, through a movable channel ÷ a plain one (nothing scaled)',
      `${round(r.directGrpc.movableChannel.requestsPerSecond / r.directGrpc.plainChannel.requestsPerSecond)}× (${r.directGrpc.movableChannel.requestsPerSecond} vs ${r.directGrpc.plainChannel.requestsPerSecond} req/s)`,
    ],
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nBenchmark${f.quick ? ' (quick: a smoke run, not for comparing)' : ''}\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

interface SagaFigures {
  load: { off: Load; on: Load; onOverOff: number };
  unloadedOrderMs: { off: Latency; on: Latency };
  orderServiceMb: {
    noSubscriber: { before: Memory; after: Memory };
    stoppedSubscribers: { before: Memory; after: Memory };
  };
  eventsDuringLoad: number;
  subscribers: { count: number; eventsReceived: number[]; endedWith: string };
}

/**
 * Lesson 16's saga: what reserving, paying and committing add to an order (two more gRPC calls),
 * with ORDER_SAGA off and on in turns, on a product with stock enough for any load. Then lesson
 * 18's promise: subscribers that stop reading (SIGSTOP, a laptop asleep) do not make order-service
 * grow; compare its memory across the same order load with and without them.
 */
async function measureSaga(running: Sandbox, settings: (changes: object) => Promise<void>): Promise<SagaFigures> {
  const orderService = running.processes.get('order-service');
  const created = await fetch(`${running.url}/api/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench stock', price: 10, stock: 1_000_000 }),
  });
  const { id } = (await created.json()) as { id: string };
  const body = JSON.stringify({ userId: '1', productId: id, quantity: 1 });
  // pid: order-service's CPU time per order counted (not under the loads that are there for its memory)
  const orderLoad = (seconds: number, pid?: number) =>
    httpLoad(`${running.url}/api/orders`, { method: 'POST', body, seconds, pid });
  const withSaga = (saga: 'on' | 'off', work: () => Promise<Load>) => async () => (await settings({ saga }), work());
  // long enough in a quick run for some orders to complete through the saga's two more calls
  const turnSeconds = QUICK ? SETTINGS.loadSeconds : SETTINGS.loadSeconds / 2;
  const [off, on] = await alternate(
    withSaga('off', () => orderLoad(turnSeconds, orderService?.child.pid)),
    withSaga('on', () => orderLoad(turnSeconds, orderService?.child.pid)),
  );
  const post = () =>
    http(`${running.url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await settings({ saga: 'off' });
  const unloadedOff = await unloaded(SETTINGS.samples, post);
  await settings({ saga: 'on' });
  const unloadedOn = await unloaded(SETTINGS.samples, post);

  const lastSequence = async () => {
    const text = await (await fetch(`${running.url}/api/events?follow=false`)).text();
    return Number([...text.matchAll(/^id: (\d+)\./gm)].pop()?.[1] ?? 0);
  };
  const memory = () => memoryOf(orderService?.child.pid);
  const noSubscriber = { before: memory(), after: memory() };
  await orderLoad(SETTINGS.loadSeconds);
  noSubscriber.after = memory();

  const count = SETTINGS.subscribers;
  const subscribers = await Promise.all(
    Array.from({ length: count }, () => stoppedSubscriber(`127.0.0.1:${orderService?.port}`)),
  );
  const firstSequence = await lastSequence();
  const stoppedSubscribers = { before: memory(), after: memory() };
  try {
    await orderLoad(SETTINGS.loadSeconds);
    stoppedSubscribers.after = memory();
  } finally {
    await settings({ saga: 'off' });
  }
  const eventsDuringLoad = (await lastSequence()) - firstSequence;
  const endings = await Promise.all(subscribers.map((subscriber) => subscriber.resume()));
  return {
    load: { off, on, onOverOff: round(on.requestsPerSecond / off.requestsPerSecond) },
    unloadedOrderMs: { off: unloadedOff, on: unloadedOn },
    orderServiceMb: { noSubscriber, stoppedSubscribers },
    eventsDuringLoad,
    subscribers: {
      count,
      eventsReceived: endings.map((ending) => ending.received),
      endedWith: [...new Set(endings.map((ending) => ending.status))].join(' / '),
    },
  };
}

/** scripts/watch-orders.js in its own process, stopped once it is watching; resume() lets it read, and tells how it ended. */
async function stoppedSubscriber(
  address: string,
): Promise<{ resume(): Promise<{ received: number; status: string }> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/watch-orders.js'), address], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  startedPids.push(child.pid as number);
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const seen = new Promise<void>((resolve) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on(
      'line',
      (line) => (lines.push(line), line === 'open' && resolve()),
    ),
  );
  await seen;
  child.kill('SIGSTOP');
  return {
    async resume() {
      child.kill('SIGCONT');
      // it reads what its socket held, then hears how its stream ended; one that is still being served is stopped here
      const ended = await Promise.race([
        exited.then(() => true),
        new Promise((resolve) => setTimeout(resolve, SETTINGS.resumeWaitMs, false)),
      ]);
      if (!ended) {
        child.kill();
        await exited;
      }
      const status = lines.find((line) => line.startsWith('status ')) ?? 'status - still open';
      return {
        received: lines.filter((line) => /^\d+$/.test(line)).length,
        status: grpc.status[Number(status.split(' ')[1])] ?? 'still open',
      };
    },
  };
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.message}`);
  process.exit(1);
});

interface UserServiceRun {
  readyMs: number; // from spawning the process to its port accepting connections (median of the runs)
  memoryMb: { afterStart: Memory; afterLoad: Memory };
  getUserMs: Latency;
  load: Load;
}
type UserServiceFigures = { ts: UserServiceRun; go?: UserServiceRun; goMissing?: string };

/**
 * Lesson 19: the same contract in two languages. Each user-service alone on a free port, started
 * `startups` times in turns (TypeScript, Go, TypeScript, Go, …): how long until it accepts calls,
 * its memory, and GetUser unloaded and under load, straight over gRPC. Each runs as `npm start` runs
 * it: the TypeScript one with its lab's interceptors (traces, fault injection), the Go one without
 * (it has none): lesson 19 says so next to the figures.
 */
interface ReplicaFigures {
  getProduct: { one: Load; two: Load };
  createOrder: { one: Load; two: Load };
  scaleUpMs: number; // npm run sandbox -- scale product-service 2: from asking to every caller connected to both
  replicaMb: Memory; // product-service-2 after the loads
  // what a movable channel costs while nothing is scaled: GetProduct straight over gRPC, a plain
  // client's channel against a movable one (launcher/src/replicas.ts), in turns
  directGrpc: { plainChannel: Load; movableChannel: Load };
}

/**
 * Lesson 22: the same loads with product-service as one process and as two (round robin), in
 * turns. On a machine with few cores, a second replica competes for the same CPUs as the first
 * and the gateway: what it buys is another process's memory and event loop, not more cores.
 */
async function measureReplicas(running: Sandbox): Promise<ReplicaFigures> {
  const scaleTo = (count: number) => running.supervisor.scale('product-service', count);
  const gatewayPid = running.processes.get('api-gateway')?.child.pid;
  const getLoad = () =>
    httpLoad(`${running.url}/api/products/1`, { seconds: SETTINGS.loadSeconds / 2, pid: gatewayPid });
  const orderLoad = () =>
    httpLoad(`${running.url}/api/orders`, { method: 'POST', body: ORDER_BODY, seconds: SETTINGS.loadSeconds / 2 });
  const started = performance.now();
  await scaleTo(2);
  const scaleUpMs = round(performance.now() - started, 0);
  const replicaPid = running.supervisor.running.get('product-service-2')?.child.pid as number;
  startedPids.push(replicaPid);
  const replicaMemory = () => {
    startedPids.push(running.supervisor.running.get('product-service-2')?.child.pid as number);
    return memoryOf(running.supervisor.running.get('product-service-2')?.child.pid);
  };
  let getOne, getTwo, orderOne, orderTwo, replicaMb;
  if (QUICK) {
    // a smoke run starts a replica once: each load with two, then with one
    [getTwo, orderTwo] = [await getLoad(), await orderLoad()];
    replicaMb = replicaMemory();
    await scaleTo(1);
    [getOne, orderOne] = [await getLoad(), await orderLoad()];
  } else {
    [getOne, getTwo] = await alternate(
      async () => (await scaleTo(1), getLoad()),
      async () => (await scaleTo(2), getLoad()),
    );
    [orderOne, orderTwo] = await alternate(
      async () => (await scaleTo(1), orderLoad()),
      async () => (await scaleTo(2), orderLoad()),
    );
    await scaleTo(2);
    replicaMb = replicaMemory();
    await scaleTo(1);
  }
  const address = `127.0.0.1:${running.processes.get('product-service')?.port}`;
  const { ProductService } = loadContract().product;
  const plain = new ProductService(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  const moving = new ProductService(address, grpc.credentials.createInsecure(), {
    ...CHANNEL_OPTIONS,
    ...movable('product-service'),
  });
  const getProduct = (client: ProductServiceClient) => () =>
    unaryCall((done) => client.getProduct({ id: '1' }, { deadline: Date.now() + 5000 }, done));
  const [plainChannel, movableChannel] = await alternate(
    () => grpcLoad(getProduct(plain)),
    () => grpcLoad(getProduct(moving)),
  );
  plain.close();
  moving.close();
  return {
    getProduct: { one: getOne, two: getTwo },
    createOrder: { one: orderOne, two: orderTwo },
    scaleUpMs,
    replicaMb,
    directGrpc: { plainChannel, movableChannel },
  };
}

async function measureUserServices(): Promise<UserServiceFigures> {
  const goMissing = hasGo() ? buildGoUserService() : 'Go is not installed: the Go user-service was not measured';
  const impls: Array<'ts' | 'go'> = goMissing ? ['ts'] : ['ts', 'go'];
  const runs: Record<string, UserServiceRun[]> = { ts: [], go: [] };
  const spec = PROCESSES.find((p) => p.name === 'user-service') as (typeof PROCESSES)[number];
  for (let turn = 0; turn < SETTINGS.startups; turn += 1) {
    for (const impl of impls) {
      const port = await freePort();
      const env = {
        ...process.env,
        USER_SERVICE_IMPL: impl,
        USER_SERVICE_PORT: String(port),
        LOG_LEVEL: 'warn',
        AUTH: 'off',
      };
      const { file, args } = commandOf(spec, env);
      const started = performance.now();
      const child = spawn(file, args, { cwd: ROOT, env, stdio: 'ignore' });
      startedPids.push(child.pid as number);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await untilAccepting(port, 30_000);
        const readyMs = round(performance.now() - started, 1);
        await new Promise((resolve) => setTimeout(resolve, SETTINGS.settleMs)); // settled: what it holds once idle
        const afterStart = memoryOf(child.pid);
        const client = new (loadContract().user.UserService)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const getUser = () => unaryCall((done) => client.GetUser({ id: '1' }, { deadline: Date.now() + 5000 }, done));
        const getUserMs = await unloaded(SETTINGS.samples, getUser);
        const load = await grpcLoad(getUser, child.pid);
        const afterLoad = memoryOf(child.pid);
        client.close();
        runs[impl].push({ readyMs, memoryMb: { afterStart, afterLoad }, getUserMs, load });
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    }
  }
  // each figure: the run with the median start-up time
  const pick = (list: UserServiceRun[]) => [...list].sort((a, b) => a.readyMs - b.readyMs)[Math.floor(list.length / 2)];
  return { ts: pick(runs.ts), ...(goMissing ? { goMissing } : { go: pick(runs.go) }) };
}

/** Resolves once something accepts TCP connections on the port (polled every 2 ms). */
async function untilAccepting(port: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`nothing accepted connections on port ${port} within ${timeoutMs} ms`);
}
