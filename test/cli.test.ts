// The CLI client (npm run cli) against a real sandbox: readable tables, --json for scripts,
// and errors that print the gateway's message and exit non-zero.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { freePort, startSandbox, type Sandbox } from '../scripts/harness';
import { ROOT } from '../scripts/services';

describe('npm run cli', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox?.stop();
  });

  function cli(...args: string[]) {
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', ...args, '--url', sandbox.url], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    return { code: result.status, out: result.stdout.trim(), err: result.stderr.replace(/npm warn.*\n/g, '').trim() };
  }

  it('lists users as a table', () => {
    const { code, out } = cli('users', 'list');
    expect(code).to.equal(0);
    expect(out.split('\n')).to.deep.equal([
      'id  name          email',
      '──  ────────────  ────────────────',
      '1   John          john@example.com',
      '2   Jane          jane@example.com',
      '3   Ada Lovelace  ada@example.com',
    ]);
  });

  it('creates a product and an order, and prints the order', () => {
    expect(cli('products', 'create', '--name', 'Pen', '--price', '2.5').out).to.include('Pen   2.50');
    const { code, out } = cli('orders', 'create', '--user', '1', '--product', '5', '--quantity', '4');
    expect(code).to.equal(0);
    expect(out.split('\n')[2]).to.match(/^1 +John \(1\) +Pen \(5\) +4 +10\.00 +\d{4}-/);
  });

  it('prints the gateway\'s JSON with --json', () => {
    const { code, out } = cli('users', 'get', '2', '--json');
    expect(code).to.equal(0);
    expect(JSON.parse(out)).to.deep.equal({ id: '2', name: 'Jane', email: 'jane@example.com' });
  });

  it('draws the latest request as a timeline', () => {
    cli('orders', 'create', '--user', '2', '--product', '1', '--quantity', '1');
    const { code, out } = cli('trace');
    expect(code).to.equal(0);
    expect(out).to.match(/^request [0-9a-f]{8}: POST \/api\/orders → 201 in [\d.]+ ms/);
    expect(out).to.match(/3a +order-service +→ user-service GetUser +[\d.]+ ms +ok +█/);
  });

  it('prints the gateway\'s error message and exits 1', () => {
    const { code, err } = cli('orders', 'create', '--user', '42', '--product', '1', '--quantity', '1');
    expect(code).to.equal(1);
    expect(err).to.equal('error: NOT_FOUND: user 42 not found');
  });

  it('checks its own arguments before sending anything', () => {
    expect(cli('products', 'create', '--name', 'X', '--price', 'cheap')).to.deep.include({ code: 1, err: 'error: --price must be a number, not "cheap"' });
    expect(cli('orders', 'create', '--user', '1').err).to.match(/^error: missing --product/);
    expect(cli('nonsense').err).to.match(/^error: unknown command "nonsense"/);
  });

  it('says when the gateway does not answer', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', 'users', 'list', '--url', url], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include(`error: the gateway at ${url} does not answer; is the sandbox running? (npm start)`);
  });
});
