// What the gateway leaves out of its start and loads when a request first needs it (issue 29:
// `npm start` to the first order): a schema is compiled on first use, jose with the first token.
// The first request that needs each works as before.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Tokens } from '../src/auth/tokens';

const ROOT = path.join(__dirname, '..', '..');

describe('the gateway loads on first use', () => {
  it('at start: compiles no schema and does not load jose; the first order compiles its own, the first token loads jose', async () => {
    // a process of its own: this test's process may have loaded them for another test
    const code = `
      const Ajv = require('ajv').default;
      let compiled = 0;
      const compile = Ajv.prototype.compile;
      Ajv.prototype.compile = function (...args) { compiled += 1; return compile.apply(this, args); };
      const jose = () => Object.keys(require.cache).some((file) => /[\\\\/]jose[\\\\/]/.test(file));
      const { createApp } = require('./api-gateway/src/app');
      const { readConfig } = require('./api-gateway/src/config');
      const { createClients } = require('./api-gateway/src/conversion/clients');
      const { schemas } = require('./api-gateway/src/conversion/validation');
      const { Tokens } = require('./api-gateway/src/auth/tokens');
      const { silentLog } = require('@sandbox/protos/testing');
      const config = readConfig({});
      const clients = createClients(config);
      createApp(clients, config, silentLog);
      clients.close();
      const atStart = { compiled, jose: jose() };
      schemas.order({ userId: '1', productId: '1', quantity: 2 });
      schemas.order({ userId: '1', productId: '1', quantity: 3 });
      new Tokens('a-secret', 60).issue({ id: '1', name: 'John', role: 'user', sessionKey: 's1' }).then(() => {
        console.log(JSON.stringify({ atStart, afterFirstUse: { compiled, jose: jose() } }));
      });
    `;
    const child = spawn(process.execPath, ['--require', './protos/register.js', '-e', code], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const status = await new Promise((resolve) => child.once('exit', resolve));
    expect(status).to.equal(0);
    expect(JSON.parse(output)).to.deep.equal({
      atStart: { compiled: 0, jose: false },
      afterFirstUse: { compiled: 1, jose: true },
    });
  });

  it('the first token: issued, then checked; a changed one refused; an expired one told apart', async () => {
    const refusal = (token: string) =>
      tokens.verify(token).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    const tokens = new Tokens('a-secret-for-this-test-only', 60);
    const token = await tokens.issue({ id: '2', name: 'Jane', role: 'user', sessionKey: 's2' });
    expect(await tokens.verify(token)).to.deep.include({ id: '2', name: 'Jane', role: 'user', sessionKey: 's2' });
    // the same token, its role changed to admin: the signature no longer matches
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const admin = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(await refusal(`${header}.${admin}.${signature}`)).to.equal(
      'the token is not valid: log in again (POST /api/auth/login)',
    );
    const expired = await new Tokens('a-secret-for-this-test-only', -10).issue({
      id: '2',
      name: 'Jane',
      role: 'user',
      sessionKey: 's2',
    });
    expect(await refusal(expired)).to.match(/^the token has expired: log in again/);
  });
});
