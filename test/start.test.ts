// `npm start` as a person runs it, and as a class breaks it: one line when ready; a crashed or
// killed service leaves the others running and says how to start it again; a second terminal
// controls the processes (npm run sandbox -- …); a second npm start is refused; and every way of
// stopping it — Ctrl-C, SIGTERM or SIGHUP to npm or to the launcher, the launcher killed — leaves
// no process holding a port.
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { run } from '../scripts/walkthrough';
import net from 'node:net';
import { freePort } from './support/harness';
import fs from 'node:fs';
import { askSandbox } from '../launcher/control';
import { controlPath, GO_PACKAGES, hasGo, NODE_ARGS, ROOT } from '../launcher/services';
import { isListening } from '../launcher/supervisor';
import { request } from './support/http';
import { report, until } from './support/sandbox';
import { npmScript } from './support/scripts';

const ORDER = { userId: '1', productId: '1', quantity: 2 };

// What a student types, where npm is part of what is tested (its banner, --silent, a signal sent to
// npm), and otherwise what npm start runs (package.json): the launcher alone, without npm's own
// start-up, about a fifth of a CPU-second each time.
const NPM_START = ['npm', 'start'];
const LAUNCHER = [process.execPath, 'launcher/start.js'];

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

interface Launched {
  npm: ChildProcess; // npm start, or the launcher itself (LAUNCHER)
  stdout: () => string;
  stderr: () => string;
  env: NodeJS.ProcessEnv;
  ports: number[];
  gateway: string;
  /** npm run sandbox -- <args> against this sandbox: the script, without npm (npmScript) */
  control(...args: string[]): Promise<{ code: number | null; output: string }>;
  /** the pid of the launcher (node launcher/start.js), as npm run sandbox -- status tells it */
  launcherPid: number;
  kill(signal: NodeJS.Signals): void;
}

/** `npm start` (or `command`) on free ports, in its own process group (as a terminal runs it), until ready. */
async function launch(extraEnv: NodeJS.ProcessEnv = {}, command: string[] = NPM_START): Promise<Launched> {
  const [gateway, user, product, order] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const env = {
    ...process.env,
    GATEWAY_PORT: String(gateway),
    USER_SERVICE_PORT: String(user),
    PRODUCT_SERVICE_PORT: String(product),
    ORDER_SERVICE_PORT: String(order),
    ...extraEnv,
  };
  const [file, ...args] = command;
  const npm = spawn(file, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  npm.stdout?.on('data', (chunk) => (stdout += chunk));
  npm.stderr?.on('data', (chunk) => (stderr += chunk));
  const launched: Launched = {
    npm,
    stdout: () => stdout,
    stderr: () => stderr,
    env,
    ports: [gateway, user, product, order],
    gateway: `http://127.0.0.1:${gateway}`,
    // not spawnSync: while a reset takes seconds, this process must go on reading its sockets, or
    // its next request would pick a keep-alive connection the gateway has closed meanwhile
    async control(...controlArgs) {
      const result = await run(`${npmScript('sandbox')} ${controlArgs.join(' ')}`, env, 60_000);
      return { code: result.status, output: `${result.stdout}${result.stderr}` };
    },
    launcherPid: 0, // once ready, below
    kill(signal) {
      process.kill(-(npm.pid as number), signal);
    },
  };
  const exited = exitOf(npm);
  await Promise.race([
    until(
      () => stderr.includes('sandbox ready') && stderr.includes('npm run sandbox -- status'),
      'the ready line',
      30_000,
    ),
    exited.then(() => Promise.reject(new Error(`npm start exited early:\n${stdout}${stderr}`))),
  ]);
  // what npm run sandbox -- status asks the launcher (launcher/sandbox.js), asked here without a process
  const status = await askSandbox(controlPath(gateway), 'GET', '/status');
  launched.launcherPid = Number(status.body.pid);
  if (!launched.launcherPid) throw new Error(`no launcher found: ${JSON.stringify(status.body)}`);
  return launched;
}

/** The launcher, where it is expected to refuse to start: what it printed and its exit code. */
function launchToItsEnd(env: NodeJS.ProcessEnv) {
  const [file, ...args] = LAUNCHER;
  return spawnSync(file, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
}

async function postOrder(gateway: string): Promise<number> {
  return (await request(gateway, 'POST', '/api/orders', ORDER)).status;
}

async function allPortsFree(ports: number[]): Promise<void> {
  await until(
    async () => (await Promise.all(ports.map((port) => isListening(port)))).every((listening) => !listening),
    'every port to be free',
  );
}

/** The pids of the four processes, children of the launcher. */
function servicePids(launcherPid: number): number[] {
  const found = spawnSync('pgrep', ['-P', String(launcherPid)], { encoding: 'utf8' });
  return found.stdout.trim().split('\n').filter(Boolean).map(Number);
}

/** After a test, whatever happened: nothing of that sandbox is left running, nor its control socket's file. */
function stopForGood(sandbox: Launched | undefined): void {
  try {
    sandbox?.kill('SIGKILL');
  } catch {
    // already gone
  }
  if (sandbox) fs.rmSync(controlPath(sandbox.ports[0]), { force: true });
}

/** For a failure's message: each process's command line and state (R running, S asleep, Z a zombie nobody reaped). */
function describeProcesses(pids: number[]): string {
  return pids
    .map((pid) => {
      try {
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
        const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        return `${pid} [${state}] ${command.slice(-80)}`;
      } catch {
        return `${pid} (gone)`;
      }
    })
    .join('; ');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', function () {
  this.timeout(90_000);

  describe('a sandbox that a class can break', () => {
    let sandbox: Launched;
    before(async () => {
      sandbox = await launch();
    });
    after(() => stopForGood(sandbox));

    it("says when all four are ready and serves the diagram's order, each line prefixed with its process", async () => {
      expect(sandbox.stderr()).to.match(
        new RegExp(`✔ sandbox ready in \\d+\\.\\d s: http://localhost:${sandbox.ports[0]}`),
      );
      expect(sandbox.stderr()).to.include(`curl -X POST http://localhost:${sandbox.ports[0]}/api/orders`);
      const response = await request(sandbox.gateway, 'POST', '/api/orders', ORDER);
      expect(response.status).to.equal(201);
      expect(response.body).to.include({ totalPrice: 2000, userName: 'John', productName: 'Laptop' });
      for (const prefix of ['[user-service   ]', '[api-gateway    ]']) expect(sandbox.stdout()).to.include(prefix);
      // the diagram draws user-service in Go: the ready lines say how to run that one
      expect(sandbox.stderr()).to.include(
        'USER_SERVICE_IMPL=go npm start runs user-service-go/ in its place (tutorial lesson 19)',
      );
    });

    it('a second npm start exits 1 before starting anything, saying what runs and how to stop it; never "ready"', async () => {
      const second = launchToItsEnd(sandbox.env);
      expect(second.status).to.equal(1);
      expect(second.stderr).to.match(
        /✘ a sandbox is already running \(launcher pid \d+, http:\/\/localhost:\d+\): stop it with Ctrl-C in its terminal or `kill \d+`/,
      );
      expect(`${second.stdout}${second.stderr}`).to.not.include('sandbox ready');
      expect(second.stdout).to.not.include('listening');
    });

    it('kill -9 of a service: the others keep running with their data; one line says which, how, and how to start it', async () => {
      const user = await request(sandbox.gateway, 'POST', '/api/users', { name: 'Kept', email: 'kept@example.com' });
      const kept = user.body as { id: string };
      const before = servicePids(sandbox.launcherPid).length;
      expect(before).to.equal(4);
      const product = spawnSync('pgrep', ['-f', 'product-service/src/index.ts'], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .map(Number);
      const ours = product.find((pid) => servicePids(sandbox.launcherPid).includes(pid)) as number;
      const killed = performance.now();
      process.kill(ours, 'SIGKILL');
      await until(
        () => sandbox.stderr().includes('✘ product-service was killed by SIGKILL'),
        'the line about product-service',
      );
      expect(sandbox.stderr()).to.include(
        '✘ product-service was killed by SIGKILL; the other processes keep running. Start it again with: npm run sandbox -- start product-service',
      );
      expect(await postOrder(sandbox.gateway)).to.equal(503);
      expect(
        (await request(sandbox.gateway, 'GET', `/api/users/${kept.id}`)).status,
        'user-service kept its data',
      ).to.equal(200);

      // as a student types it, npm included (once in this file: the other commands run the script alone)
      const status = await run('npm run -s sandbox -- status', sandbox.env);
      expect(status.status).to.equal(0);
      expect(status.stdout).to.include(`(launcher pid ${sandbox.launcherPid})`);
      expect(status.stdout).to.match(/product-service\s+stopped\s+-\s+\d+\s+was killed by SIGKILL/);
      expect(status.stdout).to.match(/user-service\s+running\s+\d+/);

      const started = await sandbox.control('start', 'product-service');
      expect(started.output).to.match(/✔ product-service started \(pid \d+\) and listens on port \d+/);
      expect(await postOrder(sandbox.gateway)).to.equal(201);
      report(
        `from kill -9 of product-service to an order succeeding after npm run sandbox -- start: ${Math.round(performance.now() - killed)} ms`,
      );
    });

    it('npm run sandbox -- stop, restart and reset; mistakes get one clear line', async () => {
      expect((await sandbox.control('stop', 'order-service')).output).to.include('✔ order-service stopped');
      await until(() => sandbox.stderr().includes('■ order-service'), "the launcher's line");
      expect(sandbox.stderr()).to.include(
        '■ order-service stopped (npm run sandbox -- stop); start it again with: npm run sandbox -- start order-service',
      );
      expect(await sandbox.control('stop', 'order-service')).to.deep.equal({
        code: 1,
        output: '✘ order-service is not running\n',
      });
      expect((await sandbox.control('restart', 'order-service')).output).to.match(
        /✔ order-service restarted \(pid \d+\)/,
      );
      expect(await postOrder(sandbox.gateway)).to.equal(201);
      expect((await sandbox.control('start', 'mail-service')).output).to.include(
        '✘ unknown service "mail-service": the processes are user-service, product-service, order-service, api-gateway',
      );

      expect((await sandbox.control('reset')).output).to.include(
        '✔ user-service, product-service and order-service are back to their seed data',
      );
      const orders = (await request(sandbox.gateway, 'GET', '/api/orders')).body as { orders: unknown[] };
      expect(orders.orders).to.deep.equal([]);
      const users = (await request(sandbox.gateway, 'GET', '/api/users')).body as { users: Array<{ name: string }> };
      expect(users.users.map((u) => u.name)).to.deep.equal(['John', 'Jane', 'Ada Lovelace']);
    });

    it('Ctrl-C stops all four, including a service started again from a second terminal', async () => {
      sandbox.kill('SIGINT');
      await exitOf(sandbox.npm);
      await allPortsFree(sandbox.ports);
      expect(sandbox.stderr()).to.include('the sandbox has stopped');
      for (const name of ['user-service', 'product-service', 'order-service', 'api-gateway'])
        expect(sandbox.stdout()).to.include(`${name} stopped`);
    });
  });

  it('LOG_FORMAT=json npm start --silent: standard output is JSON lines, each naming its service; SIGTERM to npm stops everything', async () => {
    const sandbox = await launch({ LOG_FORMAT: 'json' }, [...NPM_START, '--silent']);
    try {
      expect(await postOrder(sandbox.gateway)).to.equal(201);
      const launcher = sandbox.launcherPid;
      const children = servicePids(launcher);
      // what `kill <pid of npm>`, `timeout` or an editor's stop button sends: npm alone gets it
      process.kill(sandbox.npm.pid as number, 'SIGTERM');
      await exitOf(sandbox.npm);
      await allPortsFree(sandbox.ports);
      await until(
        () => !isAlive(launcher) && children.every((pid) => !isAlive(pid)),
        'the launcher and its four processes to end',
      );
      const lines = sandbox.stdout().split('\n').filter(Boolean);
      expect(lines.length).to.be.greaterThan(10);
      const services = new Set<string>();
      for (const line of lines) services.add((JSON.parse(line) as { service: string }).service);
      expect([...services].sort()).to.deep.equal(['api-gateway', 'order-service', 'product-service', 'user-service']);
      expect(sandbox.stderr()).to.include('sandbox ready');
    } finally {
      stopForGood(sandbox);
    }
  });

  // npm where the signal is sent to npm; the launcher alone where it is sent to the launcher
  for (const [how, command, act] of [
    ['SIGHUP to npm', NPM_START, (s: Launched) => process.kill(s.npm.pid as number, 'SIGHUP')],
    ['SIGHUP to the launcher', LAUNCHER, (s: Launched) => process.kill(s.launcherPid, 'SIGHUP')],
    ['kill -9 of the launcher', LAUNCHER, (s: Launched) => process.kill(s.launcherPid, 'SIGKILL')],
  ] as const) {
    it(`${how}: every process ends and every port is free`, async () => {
      const sandbox = await launch({}, [...command]);
      try {
        const children = servicePids(sandbox.launcherPid);
        expect(children).to.have.length(4);
        act(sandbox);
        await until(() => children.every((pid) => !isAlive(pid)), 'the four processes to end', 30_000).catch(
          (error: Error) => {
            throw new Error(`${error.message}; still there: ${describeProcesses(children.filter(isAlive))}`);
          },
        );
        await allPortsFree(sandbox.ports);
      } finally {
        stopForGood(sandbox);
      }
    });
  }

  it("USER_SERVICE_IMPL=go: the Go user-service in place of the TypeScript one serves the diagram's order (2000), numbers the new users of each start in a block of its own (4, then 1001 after a restart), logs JSON lines like the others, follows AUTH switched at run time, and ends with a killed launcher", async function () {
    if (!hasGo()) {
      console.log(`      (Go is not installed: apt-get install ${GO_PACKAGES})`);
      return this.skip();
    }
    this.timeout(240_000); // a first build compiles grpc-go
    const sandbox = await launch({ USER_SERVICE_IMPL: 'go', LOG_FORMAT: 'json' }, LAUNCHER);
    try {
      const response = await request(sandbox.gateway, 'POST', '/api/orders', ORDER);
      expect(response.body).to.include({
        totalPrice: 2000,
        userName: 'John',
        productName: 'Laptop',
        status: 'CONFIRMED',
      });
      // a restarted user-service never gives an id again (launcher/supervisor.js): the Go one is told its block too
      const signUp = async (name: string) =>
        (
          (await request(sandbox.gateway, 'POST', '/api/users', { name, email: `${name.toLowerCase()}@example.com` }))
            .body as { id: string }
        ).id;
      expect(await signUp('Before')).to.equal('4');
      expect((await sandbox.control('restart', 'user-service')).output).to.match(/✔ user-service restarted/);
      expect(await signUp('After')).to.equal('1001');
      const launcher = sandbox.launcherPid;
      const children = servicePids(launcher);
      const programs = children.map((pid) => fs.readlinkSync(`/proc/${pid}/exe`));
      expect(programs.filter((program) => program.endsWith('user-service-go/user-service'))).to.have.length(1);
      const user = JSON.parse(
        sandbox
          .stdout()
          .split('\n')
          .find((line) => line.includes('user-service (Go) listening')) as string,
      );
      expect(user).to.include({ service: 'user-service', level: 30 });
      // AUTH switched while it runs: the Go service hears it over the launcher's channel, and answers once it is in force
      expect(
        (await run(`${npmScript('cli')} settings auth required --url ${sandbox.gateway}`, sandbox.env, 30_000)).status,
      ).to.equal(0);
      const direct = await run(
        `${npmScript('grpc')} 127.0.0.1:${sandbox.ports[1]} user.UserService/GetUser '{"id":"1"}'`,
        sandbox.env,
        30_000,
      );
      expect(`${direct.stdout}${direct.stderr}`).to.include(
        'UNAUTHENTICATED: user-service takes calls only from the gateway (AUTH=required)',
      );
      const login = await request(sandbox.gateway, 'POST', '/api/auth/login', {
        email: 'john@example.com',
        password: 'john-secret',
      });
      const { token } = login.body as { token: string };
      expect(
        (await request(sandbox.gateway, 'GET', '/api/users/1', undefined, { authorization: `Bearer ${token}` })).status,
      ).to.equal(200);
      process.kill(launcher, 'SIGKILL');
      // each stops within its grace period (5 s) plus a second; on a loaded machine, give it longer
      await until(
        () => children.every((pid) => !isAlive(pid)),
        'the four processes, the Go one included, to end',
        30_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; still there: ${describeProcesses(children.filter(isAlive))}`);
      });
      await allPortsFree(sandbox.ports);
    } finally {
      stopForGood(sandbox);
    }
  });

  it('USER_SERVICE_IMPL=rust: one line naming the two it can be; exit 1, nothing started', () => {
    const result = launchToItsEnd({ ...process.env, USER_SERVICE_IMPL: 'rust' });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include(
      '✘ npm start failed: USER_SERVICE_IMPL must be ts (user-service/, the default) or go (user-service-go/); not "rust"',
    );
    expect(result.stdout).to.not.include('listening');
  });

  it('a Node older than 20.19: one line saying which version is needed; exit 1, nothing started', () => {
    // the launcher as an older Node runs it: process.versions.node is what it checks
    const result = spawnSync(
      process.execPath,
      ['-e', "Object.defineProperty(process.versions, 'node', { value: '20.18.3' }); require('./launcher/start.js')"],
      { cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      'The sandbox needs Node 20.19 or newer; this is Node 20.18.3 (see https://nodejs.org).\n',
    );
    expect(result.stdout).to.equal('');
  });

  it('a port held by another program: one line naming port, process and variable; exit 1, nothing started', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = launchToItsEnd({
        ...process.env,
        GATEWAY_PORT: String(await freePort()),
        PRODUCT_SERVICE_PORT: String(port),
      });
      expect(result.status).to.equal(1);
      expect(result.stderr).to.include(
        `✘ port ${port} (product-service, PRODUCT_SERVICE_PORT) already in use by another program`,
      );
      expect(result.stdout).to.not.include('listening');
    } finally {
      blocker.close();
    }
  });

  // what it would say when a port was taken between its check and the service's start: another
  // sandbox's service answering there would otherwise make it "ready" with three processes of four
  it('a process that ends while the sandbox starts (a setting it refuses): its line, then "not ready" naming it; never "ready"', async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env = {
      ...process.env,
      GATEWAY_PORT: String(ports[0]),
      USER_SERVICE_PORT: String(ports[1]),
      PRODUCT_SERVICE_PORT: String(ports[2]),
      ORDER_SERVICE_PORT: String(ports[3]),
      PASSWORD_HASH_COST: '3',
    };
    const launcher = spawn(LAUNCHER[0], LAUNCHER.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    launcher.stderr?.on('data', (chunk) => (stderr += chunk));
    try {
      await until(() => stderr.includes('✘ the sandbox is not ready'), 'the line saying it is not ready');
      expect(stderr).to.include(
        '[user-service   ] user-service cannot start: PASSWORD_HASH_COST must be a power of two from 1024 to 131072',
      );
      expect(stderr).to.include(
        '✘ the sandbox is not ready: user-service exited with code 1 as it started (its lines above say why)',
      );
      expect(stderr).to.not.include('sandbox ready');
    } finally {
      launcher.kill('SIGTERM');
      await exitOf(launcher);
    }
    await allPortsFree(ports);
  });

  for (const [name, variable] of [
    ['user-service', 'USER_SERVICE_PORT'],
    ['api-gateway', 'GATEWAY_PORT'],
  ]) {
    it(`${name} alone on a port already in use: one line naming the port and ${variable}, and exit code 1`, async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const child = spawn(process.execPath, [...NODE_ARGS, `${name}/src/index.ts`], {
          cwd: ROOT,
          env: { ...process.env, [variable]: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout?.on('data', (chunk) => (output += chunk));
        child.stderr?.on('data', (chunk) => (output += chunk));
        expect(await exitOf(child)).to.equal(1);
        expect(output).to.include(
          `${name}: port ${port} is already in use; stop what uses it or set ${variable} to another port`,
        );
        expect(output).to.not.match(/\n\s+at /); // no stack trace
      } finally {
        blocker.close();
      }
    });
  }

  // npm start killed (kill -9, a closed terminal) while the four were still starting: each must end
  // once it is up, not stay on as an orphan holding its port (found as two left over from a test run)
  it('each of the four, when its launcher ends while it is still starting, ends as soon as it has started, and frees its port', async () => {
    const started = await Promise.all(
      [
        ['user-service', 'USER_SERVICE_PORT'],
        ['product-service', 'PRODUCT_SERVICE_PORT'],
        ['order-service', 'ORDER_SERVICE_PORT'],
        ['api-gateway', 'GATEWAY_PORT'],
      ].map(async ([name, variable]) => {
        const port = await freePort();
        // with an IPC channel, as the launcher starts it (launcher/supervisor.js), closed at once
        const child = spawn(process.execPath, [...NODE_ARGS, `${name}/src/index.ts`], {
          cwd: ROOT,
          env: { ...process.env, [variable]: String(port) },
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        });
        child.disconnect();
        let output = '';
        child.stdout?.on('data', (chunk) => (output += chunk));
        child.stderr?.on('data', (chunk) => (output += chunk));
        return { name, port, child, output: () => output };
      }),
    );
    try {
      for (const { name, child, output } of started) {
        expect(await exitOf(child), `${name}: ${output()}`).to.equal(0);
        expect(output(), name).to.include(`${name} received the end of its launcher`);
      }
      await allPortsFree(started.map(({ port }) => port));
    } finally {
      for (const { child } of started) if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
