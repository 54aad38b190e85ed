// An email matches an account whatever the case of its ASCII letters A to Z, and only of those, in
// both user-services and in the gateway's count of failed logins (api-gateway/src/auth/login-throttle.ts).
// A hostile tester found that with the Go user-service, whose strings.ToLower lowers "İ" (U+0130)
// to "i", "İris@example.com" logged in as iris@example.com under a count of its own: a fresh five
// guesses at her password for each spelling. Here, with each user-service, five wrong passwords for
// Iris and no spelling gets a sixth. Both on the shared sandbox, its user-service swapped for the
// other one and back (npm run sandbox -- use user-service go, lesson 19): a restart of one process,
// rather than four more processes for each.
import { expect } from 'chai';
import { askSandbox } from '../launcher/control';
import { controlPath, GO_PACKAGES, hasGo, userServiceImpl } from '../launcher/services';
import { request } from './support/http';
import { until, useSandbox } from './support/sandbox';

for (const impl of ['ts', 'go']) {
  describe(`emails spelled otherwise do not get around the login throttle (USER_SERVICE_IMPL=${impl})`, function () {
    this.timeout(60_000);
    const shared = useSandbox();
    // the gateway's count is the same for both: each user-service's Iris has an email of her own
    const iris = `iris@${impl}.example.com`;
    const use = async (which: string) => {
      const socket = controlPath(shared.sandbox.env.GATEWAY_PORT as string);
      const answer = await askSandbox(socket, 'POST', `/processes/user-service/use/${which}`);
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      // listening is not yet connected: the gateway's channel to it reconnects on its own
      await until(
        async () => (await request(shared.sandbox.url, 'GET', '/health')).status === 200,
        'the gateway to reach user-service again',
      );
    };

    // the user-service the shared sandbox runs now, put back afterwards (by a reset)
    let found: string | undefined;
    before(async function () {
      if (impl === 'go' && !hasGo()) {
        console.log(`      (Go is not installed: apt-get install ${GO_PACKAGES})`);
        return this.skip();
      }
      this.timeout(240_000); // a first build of the Go user-service compiles grpc-go
      found = userServiceImpl(shared.sandbox.supervisor.env);
      if (found !== impl) await use(impl);
    });
    // a swap restarts user-service: the users made since are gone while order-service keeps their
    // orders, and the next file on this sandbox would meet orders of nobody (GraphQL's users of
    // orders, once). A reset gives it the sandbox npm start began, its user-service included.
    after(async () => {
      if (found === undefined) return;
      const socket = controlPath(shared.sandbox.env.GATEWAY_PORT as string);
      const answer = await askSandbox(socket, 'POST', '/reset');
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      expect(userServiceImpl(shared.sandbox.supervisor.env)).to.equal(found);
      await until(
        async () => (await request(shared.sandbox.url, 'GET', '/health')).status === 200,
        'the gateway to reach user-service again',
      );
    });

    const login = (email: string, password: string) =>
      request(shared.sandbox.url, 'POST', '/api/auth/login', { email, password });

    it(`five wrong passwords for ${iris}: "İ" instead of "i" is another email, nobody's (401), and "IRIS" waits (429), even with the right password`, async () => {
      const created = await request(shared.sandbox.url, 'POST', '/api/users', {
        name: 'Iris',
        email: iris,
        password: 'iris-password',
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      for (let i = 1; i <= 5; i += 1) expect((await login(iris, `guess-${i}-x`)).status).to.equal(401);
      const dotted = await login(iris.replace('i', 'İ'), 'iris-password');
      expect([dotted.status, dotted.body.error?.message], 'İris (U+0130) with the right password').to.deep.equal([
        401,
        'wrong email or password',
      ]);
      const shouted = await login(iris.replace('iris', 'IRIS'), 'iris-password');
      expect([shouted.status, shouted.body.error?.code], 'IRIS with the right password').to.deep.equal([
        429,
        'RESOURCE_EXHAUSTED',
      ]);
    });
  });
}
