// Where `npm start`'s time goes, step by step, until the diagram's order first succeeds: npm itself,
// the launcher, each process (node's own start, loading its modules and the contract, listening),
// readiness, and the first order. `npm run bench` reports these; run alone:
//   node --require ./protos/register.js scripts/start-steps.ts [times]
// Each figure is the median of `times` runs, one run at a time, on free ports.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../test/support/harness';
import { NODE_ARGS, PROCESSES, ROOT } from '../launcher/services';

export interface ProcessSteps {
  name: string;
  loadedMs: number; // from the process's start until its modules (and so its contract) are loaded
  listeningMs: number; // until it says it is listening
}

export interface StartSteps {
  nodeMs: number; // `node -e 0`: Node's own start, paid by npm, the launcher and each process
  contractMs: number; // reading the three .proto files, once all modules are loaded
  processes: ProcessSteps[]; // each alone
  launcher: { listeningMs: Record<string, number>; readyMs: number }; // node launcher/start.js: all four at once
  npmStartReadyMs: number; // npm start → its "ready" line
  firstOrderMs: number; // the diagram's order, just after "ready"
}

// prints when the process's main module has run: every module it imports is loaded by then
const LOADED_HOOK = path.join(ROOT, 'scripts', 'start-steps-loaded.js');

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function portsEnv(): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_FORMAT: 'pretty', FORCE_COLOR: '0' };
  for (const spec of PROCESSES) env[spec.portVariable] = String(await freePort());
  env.USER_SERVICE_ADDR = `127.0.0.1:${env.USER_SERVICE_PORT}`;
  env.PRODUCT_SERVICE_ADDR = `127.0.0.1:${env.PRODUCT_SERVICE_PORT}`;
  env.ORDER_SERVICE_ADDR = `127.0.0.1:${env.ORDER_SERVICE_PORT}`;
  return env;
}

/**
 * Runs a command until `done` has seen what it waits for in its output; each line is passed with
 * the milliseconds since the command was started. Then runs `meanwhile`, if given, and stops the
 * command (and what it started) with SIGINT, as Ctrl-C does.
 */
function runUntil(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  done: (line: string, ms: number) => boolean,
  meanwhile: () => Promise<void> = async () => undefined,
): Promise<void> {
  const started = performance.now();
  const child = spawn(file, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const ms = performance.now() - started;
      output += chunk;
      for (const line of chunk.toString().split('\n')) if (line && done(line, ms)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`${args.join(' ')} ended before it was ready:\n${output.slice(-2000)}`)));
  })
    .then(meanwhile)
    .finally(async () => {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGINT');
      await exited;
    });
}

async function nodeStart(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
  return performance.now() - started;
}

async function contractRead(): Promise<number> {
  let printed = 0;
  const code =
    "require('@sandbox/protos'); const t = performance.now(); require('@sandbox/protos').loadContract(); console.log('contract ' + (performance.now() - t));";
  await runUntil(process.execPath, [...NODE_ARGS, '-e', code], process.env, (line) => {
    const match = /^contract ([\d.]+)/.exec(line);
    if (match) printed = Number(match[1]);
    return match !== null;
  }).catch(() => undefined); // it ends by itself once it has printed
  return printed;
}

async function processAlone(spec: (typeof PROCESSES)[number]): Promise<ProcessSteps> {
  let loadedMs = 0;
  let listeningMs = 0;
  await runUntil(
    process.execPath,
    ['--require', LOADED_HOOK, ...NODE_ARGS, spec.entry],
    await portsEnv(),
    (line, ms) => {
      if (line.startsWith('start-steps: loaded')) loadedMs = ms;
      if (line.includes('listening')) listeningMs = ms;
      return listeningMs > 0 && loadedMs > 0;
    },
  );
  return { name: spec.name, loadedMs, listeningMs };
}

async function launcherAlone(): Promise<{ listeningMs: Record<string, number>; readyMs: number }> {
  const listeningMs: Record<string, number> = {};
  let readyMs = 0;
  await runUntil(process.execPath, ['launcher/start.js'], await portsEnv(), (line, ms) => {
    const name = PROCESSES.find((p) => line.includes(`[${p.name}`) && line.includes('listening'))?.name;
    if (name) listeningMs[name] = ms;
    if (line.includes('sandbox ready')) readyMs = ms;
    return readyMs > 0;
  });
  return { listeningMs, readyMs };
}

/** `npm start` as a student types it, to its "ready" line, then the diagram's order. */
async function npmStartToFirstOrder(): Promise<{ readyMs: number; firstOrderMs: number }> {
  const env = await portsEnv();
  let readyMs = 0;
  let firstOrderMs = 0;
  const order = async () => {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: '1', productId: '1', quantity: 2 }),
    });
    const body = (await response.json()) as { totalPrice?: number };
    if (body.totalPrice !== 2000) throw new Error(`the first order answered ${JSON.stringify(body)}`);
    firstOrderMs = performance.now() - started;
  };
  await runUntil('npm', ['start'], env, (line, ms) => line.includes('sandbox ready') && (readyMs = ms) > 0, order);
  return { readyMs, firstOrderMs };
}

export async function measureStartSteps(times: number): Promise<StartSteps> {
  const runs: StartSteps[] = [];
  for (let i = 0; i < times; i += 1) {
    const processes: ProcessSteps[] = [];
    for (const spec of PROCESSES) processes.push(await processAlone(spec));
    const launcher = await launcherAlone();
    const npmStart = await npmStartToFirstOrder();
    runs.push({
      nodeMs: await nodeStart(),
      contractMs: await contractRead(),
      processes,
      launcher,
      npmStartReadyMs: npmStart.readyMs,
      firstOrderMs: npmStart.firstOrderMs,
    });
  }
  const of = (pick: (run: StartSteps) => number) => Math.round(median(runs.map(pick)));
  return {
    nodeMs: of((r) => r.nodeMs),
    contractMs: of((r) => r.contractMs),
    processes: PROCESSES.map((spec, i) => ({
      name: spec.name,
      loadedMs: of((r) => r.processes[i].loadedMs),
      listeningMs: of((r) => r.processes[i].listeningMs),
    })),
    launcher: {
      listeningMs: Object.fromEntries(PROCESSES.map((p) => [p.name, of((r) => r.launcher.listeningMs[p.name] ?? 0)])),
      readyMs: of((r) => r.launcher.readyMs),
    },
    npmStartReadyMs: of((r) => r.npmStartReadyMs),
    firstOrderMs: of((r) => r.firstOrderMs),
  };
}

/** The steps as rows of a table: what, milliseconds. */
export function startStepRows(steps: StartSteps): Array<[string, string]> {
  const slowest = Math.max(...Object.values(steps.launcher.listeningMs));
  return [
    ['npm start → "ready" line', `${steps.npmStartReadyMs}`],
    ['  npm itself (npm start − node launcher/start.js)', `${steps.npmStartReadyMs - steps.launcher.readyMs}`],
    ['  node launcher/start.js → "ready" line', `${steps.launcher.readyMs}`],
    ...PROCESSES.map((p): [string, string] => [
      `    ${p.name} says it listens (all four starting at once)`,
      `${steps.launcher.listeningMs[p.name]}`,
    ]),
    ['    readiness: the last one listening → "ready"', `${steps.launcher.readyMs - slowest}`],
    ['first order after "ready" (POST /api/orders → 2000)', `${steps.firstOrderMs}`],
    ['each alone: node -e 0', `${steps.nodeMs}`],
    ...steps.processes.map((p): [string, string] => [
      `each alone: ${p.name}: modules loaded / listening`,
      `${p.loadedMs} / ${p.listeningMs}`,
    ]),
    ['  of which the contract (.proto files) read', `${steps.contractMs}`],
  ];
}

if (require.main === module) {
  const times = Number(process.argv[2] ?? 3);
  measureStartSteps(times)
    .then((steps) => {
      console.log(`npm start, step by step (milliseconds, median of ${times}):`);
      for (const [what, ms] of startStepRows(steps)) console.log(`  ${what.padEnd(62)} ${ms}`);
    })
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
