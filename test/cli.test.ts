// The CLI client (npm run cli) against the shared sandbox: readable tables, --json for scripts,
// and errors that print the gateway's message and exit non-zero. Each test uses the seeded
// records and what it creates itself, whatever else the sandbox holds.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { freePort } from '../scripts/harness';
import { ROOT } from '../scripts/services';
import { useSandbox } from './support/sandbox';

describe('npm run cli', function () {
  this.timeout(30_000);
  const shared = useSandbox();

  function cli(...args: string[]) {
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', ...args, '--url', shared.sandbox.url], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    return { code: result.status, out: result.stdout.trim(), err: result.stderr.replace(/npm warn.*\n/g, '').trim() };
  }

  it('lists users as a table, the seeded ones first', () => {
    const { code, out } = cli('users', 'list');
    expect(code).to.equal(0);
    const lines = out.split('\n');
    expect(lines[0]).to.match(/^id +name +email$/);
    expect(lines[1]).to.match(/^─+ +─+ +─+$/);
    expect(lines.slice(2, 5).map((line) => line.split(/ {2,}/).slice(0, 3))).to.deep.equal([
      ['1', 'John', 'john@example.com'],
      ['2', 'Jane', 'jane@example.com'],
      ['3', 'Ada Lovelace', 'ada@example.com'],
    ]);
  });

  it('creates a product and an order, and prints the order', () => {
    const product = JSON.parse(cli('products', 'create', '--name', 'Pen', '--price', '2.5', '--json').out) as { id: string; price: number };
    expect(product.price).to.equal(2.5);
    const { code, out } = cli('orders', 'create', '--user', '1', '--product', product.id, '--quantity', '4');
    expect(code).to.equal(0);
    expect(out.split('\n')[2]).to.match(new RegExp(`^\\d+ +John \\(1\\) +Pen \\(${product.id}\\) +4 +10\\.00 +\\d{4}-`));
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
    const { code, err } = cli('orders', 'create', '--user', '0', '--product', '1', '--quantity', '1');
    expect(code).to.equal(1);
    expect(err).to.equal('error: NOT_FOUND: user 0 not found');
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
