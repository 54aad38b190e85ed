// `npm start` as a person runs it: one line when ready, Ctrl-C stops all four cleanly.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from '../scripts/sandbox';
import { NODE_ARGS, ROOT } from '../scripts/services';

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm start', () => {
  it('says when all four are ready, serves the diagram\'s order, and stops all four on Ctrl-C', async function () {
    this.timeout(60_000);
    const [gateway, user, product, order] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env = {
      ...process.env,
      GATEWAY_PORT: String(gateway),
      USER_SERVICE_PORT: String(user),
      PRODUCT_SERVICE_PORT: String(product),
      ORDER_SERVICE_PORT: String(order),
      USER_SERVICE_ADDR: `127.0.0.1:${user}`,
      PRODUCT_SERVICE_ADDR: `127.0.0.1:${product}`,
      ORDER_SERVICE_ADDR: `127.0.0.1:${order}`,
    };
    // its own process group, so that we can send Ctrl-C's SIGINT to all of it, as a terminal does
    const npm = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout?.on('data', (chunk) => (output += chunk));
    npm.stderr?.on('data', (chunk) => (output += chunk));
    const exited = exitOf(npm);
    try {
      const readyLine = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line after 30 s:\n${output}`)), 30_000);
        npm.stdout?.on('data', () => {
          const line = output.split('\n').find((l) => l.includes('sandbox ready'));
          // the curl hint is the last thing npm start prints when ready
          if (line && output.includes('"quantity":2}\'')) {
            clearTimeout(timer);
            resolve(line);
          }
        });
        void exited.then(() => reject(new Error(`npm start exited early:\n${output}`)));
      });
      expect(readyLine).to.match(new RegExp(`✔ sandbox ready in \\d+\\.\\d s: http://localhost:${gateway}`));
      expect(output).to.include(`curl -X POST http://localhost:${gateway}/api/orders`);

      const response = await fetch(`http://127.0.0.1:${gateway}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: '1', productId: '1', quantity: 2 }),
      });
      expect(response.status).to.equal(201);
      expect(await response.json()).to.include({ totalPrice: 2000, userName: 'John', productName: 'Laptop' });
      for (const [name, prefix] of [['user-service', 'user-service   '], ['api-gateway', 'api-gateway    ']]) {
        expect(output, `${name}'s lines are prefixed with its name`).to.include(`[${prefix}]`);
      }

      process.kill(-(npm.pid as number), 'SIGINT');
      await exited; // npm itself ends by re-raising SIGINT, as it should for Ctrl-C
      for (const name of ['user-service', 'product-service', 'order-service', 'api-gateway']) {
        expect(output).to.include(`${name} stopped`);
        expect(output).to.match(new RegExp(`\\[${name} *\\] exec node .* exited with code 0`));
      }
      for (const port of [gateway, user, product, order]) expect(await isListening(port), `port ${port} is free`).to.equal(false);
    } catch (error) {
      console.log(output);
      throw error;
    } finally {
      if (npm.exitCode === null && npm.signalCode === null) process.kill(-(npm.pid as number), 'SIGKILL');
    }
  });

  for (const [name, variable] of [['user-service', 'USER_SERVICE_PORT'], ['api-gateway', 'GATEWAY_PORT']]) {
    it(`${name} on a port already in use: one line naming the port and ${variable}, and exit code 1`, async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const child = spawn(process.execPath, [...NODE_ARGS, `${name}/src/index.ts`], {
          cwd: ROOT,
          env: { ...process.env, [variable]: String(port), GATEWAY_HOST: '127.0.0.1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout?.on('data', (chunk) => (output += chunk));
        child.stderr?.on('data', (chunk) => (output += chunk));
        expect(await exitOf(child)).to.equal(1);
        expect(output).to.include(`${name}: port ${port} is already in use; stop what uses it or set ${variable} to another port`);
        expect(output).to.not.match(/\n\s+at /); // no stack trace
      } finally {
        blocker.close();
      }
    });
  }
});
