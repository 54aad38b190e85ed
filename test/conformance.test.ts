// The conformance suites (conformance/, `npm run conformance`) against every implementation the
// sandbox has: the three TypeScript services, and the Go user-service (user-service-go/), built
// from source here. Without Go on the machine the Go half is skipped, saying how to get it;
// .ci/run installs it.
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { listen } from '../protos/src';
import { orderServiceConformance, productServiceConformance, userServiceConformance } from '../conformance';
import { ROOT } from '../scripts/services';
import { createSeededStore } from '../user-service/src/seed';
import { createServer } from '../user-service/src/server';
import { useSandbox } from './support/sandbox';

const quiet = { info() {}, warn() {}, error() {}, fatal() {} };

describe('the conformance suite (npm run conformance)', function () {
  this.timeout(60_000);

  describe('user-service, TypeScript (user-service/)', () => {
    const service = createServer(createSeededStore(), { log: quiet });
    let address = '';
    before(async () => (address = `127.0.0.1:${await listen(service, '127.0.0.1', 0)}`));
    after(() => service.server.forceShutdown());
    userServiceConformance(() => address);
  });

  // the shared sandbox's: order-service needs the other two, and both are in use there (as in a class)
  describe('product-service and order-service, TypeScript, in a sandbox in use', () => {
    const shared = useSandbox();
    const address = (service: string) => () => `127.0.0.1:${shared.sandbox.processes.get(service)?.port}`;
    describe('product-service', () => productServiceConformance(address('product-service')));
    describe('order-service', () => orderServiceConformance(address('order-service')));
  });

  describe('user-service, Go (user-service-go/)', () => {
    let child: ChildProcess | undefined;
    let address = '';
    before(async function () {
      if (spawnSync('go', ['version']).error) {
        console.log('      (Go is not installed: the Go user-service is not built. apt-get install golang-go golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev golang-golang-x-crypto-dev)');
        return this.skip();
      }
      this.timeout(180_000); // the first build compiles grpc-go; later ones come from Go's cache
      const build = spawnSync('bash', [path.join(ROOT, 'user-service-go/build.sh')], { encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`user-service-go/build.sh failed:\n${build.stdout}${build.stderr}`);
      child = spawn(path.join(ROOT, 'user-service-go/user-service'), [], { env: { ...process.env, USER_SERVICE_PORT: '0', AUTH: 'off' }, stdio: ['ignore', 'pipe', 'inherit'] });
      address = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child?.stdout as NodeJS.ReadableStream }).on('line', (line) => {
          const match = /listening on (\S+)$/.exec(line);
          if (match) resolve(match[1]);
        });
        child?.once('exit', (code) => reject(new Error(`the Go user-service exited with code ${code}`)));
      });
    });
    after(async () => {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });
    userServiceConformance(() => address);

    it('answers its container health check (user-service healthcheck <host:port>): 0 while SERVING, 1 naming the address when nothing answers', () => {
      const binary = path.join(ROOT, 'user-service-go/user-service');
      const serving = spawnSync(binary, ['healthcheck', address], { encoding: 'utf8', timeout: 10_000 });
      expect(serving.status, serving.stderr).to.equal(0);
      const nothing = spawnSync(binary, ['healthcheck', '127.0.0.1:9'], { encoding: 'utf8', timeout: 10_000 });
      expect(nothing.status).to.equal(1);
      expect(nothing.stderr).to.include('user-service (Go) at 127.0.0.1:9: not reachable within 2 s');
    });
  });
});
