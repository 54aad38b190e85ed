// The conformance suites (conformance/, `npm run conformance`) against every implementation the
// sandbox has: the three TypeScript services, and the Go user-service (user-service-go/), built
// from source here. Without Go on the machine the Go half is skipped, saying how to get it;
// .ci/run installs it.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadContract } from '../protos/src';
import { listen } from '../protos/src/server';
import { callerOf } from '../conformance/calls';
import { orderServiceConformance, productServiceConformance, userServiceConformance } from '../conformance';
import { buildGoUserService, GO_PACKAGES, hasGo, ROOT } from '../launcher/services';
import { readConfig } from '../user-service/src/config';
import { createSeededStore, seedUsersAt } from '../user-service/src/seed';
import { createServer } from '../user-service/src/server';
import { useSandbox } from './support/sandbox';

const quiet = { info() {}, warn() {}, error() {}, fatal() {} };

// What the conformance suite cannot see from one server: the seeded users get new session keys at
// every start, so a token from before a reset or a restart, or from another replica, is refused
// although its user id is there again. John logs in at each address; each refuses the other's key.
async function expectOwnSessionKeys(addresses: [string, string]): Promise<void> {
  const clients = addresses.map(
    (address) => new (loadContract().user.UserService)(address, grpc.credentials.createInsecure()),
  );
  try {
    const [first, second] = clients.map((client) => callerOf(client));
    const keys = await Promise.all(
      [first, second].map(
        async (caller) =>
          (
            await caller.call<{ sessionKey: string }>('CheckPassword', {
              email: 'john@example.com',
              password: 'john-secret',
            })
          ).answer?.sessionKey,
      ),
    );
    expect(keys[0]).to.be.a('string').and.not.equal(keys[1]);
    expect((await first.call('CheckSession', { userId: '1', sessionKey: keys[0] })).code).to.equal(grpc.status.OK);
    await second.expectError(
      'CheckSession',
      { userId: '1', sessionKey: keys[0] },
      grpc.status.UNAUTHENTICATED,
      'the session is no longer valid',
    );
    await first.expectError(
      'CheckSession',
      { userId: '1', sessionKey: keys[1] },
      grpc.status.UNAUTHENTICATED,
      'the session is no longer valid',
    );
  } finally {
    for (const client of clients) client.close();
  }
}

// What the conformance suite cannot see from a server started with the defaults: npm start gives
// each start of user-service a block of ids for its new users (launcher/supervisor.js), so that an
// id never comes back while order-service keeps orders that name it. A process started with
// NEW_USER_IDS_FROM=1001 and NEW_USER_IDS_TO=1002 numbers its new users 1001 and 1002, refuses a
// third (an id deleted is not given again), and keeps the seeded users 1, 2 and 3.
async function expectIdBlock(address: string): Promise<void> {
  const client = new (loadContract().user.UserService)(address, grpc.credentials.createInsecure());
  try {
    const { call, expectError } = callerOf(client);
    const signUp = async (who: string) =>
      (await call<{ id: string }>('CreateUser', { name: `Block ${who}`, email: `${who}@block.example` })).answer?.id;
    expect([await signUp('first'), await signUp('second')]).to.deep.equal(['1001', '1002']);
    await call('DeleteUser', { id: '1002' });
    const full = 'no user id is left for a new user: this user-service gives ids 1001 to 1002, and has given them all';
    await expectError(
      'CreateUser',
      { name: 'Block third', email: 'third@block.example' },
      grpc.status.RESOURCE_EXHAUSTED,
      full,
    );
    const listed = await call<{ users: Array<{ id: string }> }>('ListUsers', { pageSize: 0 });
    expect(listed.answer?.users.map((u) => u.id)).to.deep.equal(['1', '2', '3', '1001']);
  } finally {
    client.close();
  }
}

// Both user-services hash passwords at the tests' cost (PASSWORD_HASH_COST=1024, as
// test/support/harness.ts sets it: 16 times cheaper than the default), the seeded users' too; the
// second process of the session keys' test keeps the default, so a login is checked at each.
const CHEAP = 1024;

describe('the conformance suite (npm run conformance)', function () {
  this.timeout(60_000);

  describe('user-service, TypeScript (user-service/)', () => {
    const service = createServer(createSeededStore(undefined, seedUsersAt(CHEAP)), {
      log: quiet,
      passwordHashCost: CHEAP,
    });
    let address = '';
    before(async () => (address = `127.0.0.1:${await listen(service, '127.0.0.1', 0)}`));
    after(() => service.server.forceShutdown());
    userServiceConformance(() => address);

    it("gives the seeded users new session keys at every start: another server refuses John's key from this one", async () => {
      const another = createServer(createSeededStore(), { log: quiet }); // at the default cost
      try {
        await expectOwnSessionKeys([address, `127.0.0.1:${await listen(another, '127.0.0.1', 0)}`]);
      } finally {
        another.server.forceShutdown();
      }
    });

    it('gives new users the ids of its block (NEW_USER_IDS_FROM to NEW_USER_IDS_TO), and no more', async () => {
      const block = createServer(
        createSeededStore(readConfig({ NEW_USER_IDS_FROM: '1001', NEW_USER_IDS_TO: '1002' }).newUserIds),
        { log: quiet },
      );
      try {
        await expectIdBlock(`127.0.0.1:${await listen(block, '127.0.0.1', 0)}`);
      } finally {
        block.server.forceShutdown();
      }
    });
  });

  // the shared sandbox's: order-service needs the other two, and both are in use there (as in a class)
  describe('product-service and order-service, TypeScript, in a sandbox in use', () => {
    const shared = useSandbox();
    const address = (service: string) => () => `127.0.0.1:${shared.sandbox.processes.get(service)?.port}`;
    describe('product-service', () => productServiceConformance(address('product-service')));
    describe('order-service', () => orderServiceConformance(address('order-service')));
  });

  describe('user-service, Go (user-service-go/)', () => {
    const binary = path.join(ROOT, 'user-service-go/user-service');
    let child: ChildProcess | undefined;
    let address = '';
    // the built binary on a free port: the process, and the address it listens on
    function startGo(env: NodeJS.ProcessEnv = {}): { child: ChildProcess; listening: Promise<string> } {
      const started = spawn(binary, [], {
        env: { PASSWORD_HASH_COST: String(CHEAP), ...process.env, USER_SERVICE_PORT: '0', AUTH: 'off', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const listening = new Promise<string>((resolve, reject) => {
        createInterface({ input: started.stdout as NodeJS.ReadableStream }).on('line', (line) => {
          const match = /listening on (\S+)$/.exec(line);
          if (match) resolve(match[1]);
        });
        started.once('exit', (code) => reject(new Error(`the Go user-service exited with code ${code}`)));
      });
      return { child: started, listening };
    }
    async function stopGo(running: ChildProcess | undefined): Promise<void> {
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
    before(async function () {
      if (!hasGo()) {
        console.log(`      (Go is not installed: the Go user-service is not built. apt-get install ${GO_PACKAGES})`);
        return this.skip();
      }
      this.timeout(180_000); // the first build compiles grpc-go; later ones come from Go's cache
      // built as npm start builds it: again whenever a source file is newer than the binary (even a
      // build that changes nothing costs two CPU-seconds of Go's checks)
      const failure = buildGoUserService();
      if (failure) throw new Error(failure);
      const started = startGo();
      child = started.child;
      address = await started.listening;
    });
    after(() => stopGo(child));
    userServiceConformance(() => address);

    it("gives the seeded users new session keys at every start: another process refuses John's key from this one", async () => {
      const another = startGo({ PASSWORD_HASH_COST: '16384' }); // the default
      try {
        await expectOwnSessionKeys([address, await another.listening]);
      } finally {
        await stopGo(another.child);
      }
    });

    it("gives new users the ids of its block (NEW_USER_IDS_FROM to NEW_USER_IDS_TO), and no more; refuses a block among the seeded users' ids", async () => {
      const block = startGo({ NEW_USER_IDS_FROM: '1001', NEW_USER_IDS_TO: '1002' });
      try {
        await expectIdBlock(await block.listening);
      } finally {
        await stopGo(block.child);
      }
      const refused = spawnSync(binary, [], {
        env: { ...process.env, USER_SERVICE_PORT: '0', NEW_USER_IDS_FROM: '3' },
        encoding: 'utf8',
        timeout: 10_000,
      });
      expect(refused.status).to.equal(1);
      expect(refused.stderr).to.include(
        'NEW_USER_IDS_FROM and NEW_USER_IDS_TO must be whole numbers from 4 (after the seeded users) to 999999999999999',
      );
    });

    it('refuses a PASSWORD_HASH_COST that is not a power of two from 1024 to 131072, in one line, as config.ts does', () => {
      for (const value of ['1000', '512', '262144', 'cheap']) {
        const refused = spawnSync(binary, [], {
          env: { ...process.env, USER_SERVICE_PORT: '0', PASSWORD_HASH_COST: value },
          encoding: 'utf8',
          timeout: 10_000,
        });
        expect(refused.status, value).to.equal(1);
        expect(refused.stderr).to.equal(
          `user-service (Go): PASSWORD_HASH_COST must be a power of two from 1024 to 131072 (scrypt's N; 16384 by default), not ${JSON.stringify(value)}\n`,
        );
      }
    });

    it('answers its container health check (user-service healthcheck <host:port>): 0 while SERVING, 1 naming the address when nothing answers', () => {
      const serving = spawnSync(binary, ['healthcheck', address], { encoding: 'utf8', timeout: 10_000 });
      expect(serving.status, serving.stderr).to.equal(0);
      const nothing = spawnSync(binary, ['healthcheck', '127.0.0.1:9'], { encoding: 'utf8', timeout: 10_000 });
      expect(nothing.status).to.equal(1);
      expect(nothing.stderr).to.include('user-service (Go) at 127.0.0.1:9: not reachable within 2 s');
    });
  });
});
