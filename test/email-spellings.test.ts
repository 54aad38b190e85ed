// An email matches an account whatever the case of its ASCII letters A to Z, and only of those, in
// both user-services and in the gateway's count of failed logins (api-gateway/src/auth/login-throttle.ts).
// A hostile tester found that with the Go user-service, whose strings.ToLower lowers "İ" (U+0130)
// to "i", "İris@example.com" logged in as iris@example.com under a count of its own: a fresh five
// guesses at her password for each spelling. Here, with each user-service, five wrong passwords for
// Iris and no spelling gets a sixth.
import { expect } from 'chai';
import { GO_PACKAGES, hasGo } from '../launcher/services';
import { startSandbox, type Sandbox } from './support/harness';
import { request } from './support/http';

for (const impl of ['ts', 'go']) {
  describe(`emails spelled otherwise do not get around the login throttle (USER_SERVICE_IMPL=${impl})`, function () {
    this.timeout(60_000);
    let sandbox: Sandbox | undefined;

    before(async function () {
      if (impl === 'go' && !hasGo()) {
        console.log(`      (Go is not installed: apt-get install ${GO_PACKAGES})`);
        return this.skip();
      }
      this.timeout(240_000); // a first build of the Go user-service compiles grpc-go
      sandbox = await startSandbox({ env: { USER_SERVICE_IMPL: impl } });
    });
    after(() => sandbox?.stop());

    const login = (email: string, password: string) =>
      request(sandbox?.url as string, 'POST', '/api/auth/login', { email, password });

    it('five wrong passwords for iris@example.com: "İris@example.com" is another email, nobody\'s (401), and "IRIS@example.com" waits (429), even with the right password', async () => {
      const created = await request(sandbox?.url as string, 'POST', '/api/users', {
        name: 'Iris',
        email: 'iris@example.com',
        password: 'iris-password',
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      for (let i = 1; i <= 5; i += 1) expect((await login('iris@example.com', `guess-${i}-x`)).status).to.equal(401);
      const dotted = await login('İris@example.com', 'iris-password');
      expect([dotted.status, dotted.body.error?.message], 'İris (U+0130) with the right password').to.deep.equal([
        401,
        'wrong email or password',
      ]);
      const shouted = await login('IRIS@example.com', 'iris-password');
      expect([shouted.status, shouted.body.error?.code], 'IRIS with the right password').to.deep.equal([
        429,
        'RESOURCE_EXHAUSTED',
      ]);
    });
  });
}
