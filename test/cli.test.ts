// The CLI client (npm run cli) against the shared sandbox: readable tables, --json for scripts,
// and errors that print the gateway's message and exit non-zero. Each test uses the seeded
// records and what it creates itself, whatever else the sandbox holds.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { freePort } from './support/harness';
import { ROOT } from '../launcher/services';
import { useSandbox } from './support/sandbox';
import { npmScript } from './support/scripts';

// `npm run -s cli -- …` as npm runs it (package.json's script), without npm's own start-up; the
// last test types npm run -s cli as a student does
const [NODE, ...CLI] = npmScript('cli').split(' ');

describe('npm run cli', function () {
  this.timeout(30_000);
  const shared = useSandbox();

  function cli(...args: string[]) {
    const result = spawnSync(NODE, [...CLI, ...args, '--url', shared.sandbox.url], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
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
    const created = cli('products', 'create', '--name', 'Pen', '--price', '2.5', '--json');
    expect(created.code, created.err).to.equal(0);
    const product = JSON.parse(created.out) as { id: string; price: number };
    expect(product.price).to.equal(2.5);
    const { code, out } = cli('orders', 'create', '--user', '1', '--product', product.id, '--quantity', '4');
    expect(code).to.equal(0);
    expect(out.split('\n')[2]).to.match(
      new RegExp(`^\\d+ +John \\(1\\) +Pen \\(${product.id}\\) +4 +10\\.00 +\\d{4}-`),
    );
  });

  it("prints the gateway's JSON with --json", () => {
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

  it("creates a product with its stock, cancels an order, and shows each order's status", () => {
    const created = cli('products', 'create', '--name', 'Stapler', '--price', '12', '--stock', '7');
    expect(created.out.split('\n')[0]).to.match(/^id +name +price +stock +description$/);
    const [productId, , , stock] = created.out.split('\n')[2].split(/ {2,}/);
    expect(stock).to.equal('7');
    const order = JSON.parse(
      cli('orders', 'create', '--user', '2', '--product', productId, '--quantity', '1', '--json').out,
    ) as { id: string; status: string };
    expect(order.status).to.equal('CONFIRMED');
    const { code, out } = cli('orders', 'cancel', order.id);
    expect(code).to.equal(0);
    expect(out.split('\n')[0]).to.match(/ +created +status$/);
    expect(out.split('\n')[2]).to.match(
      new RegExp(`^${order.id} +Jane \\(2\\) +Stapler \\(${productId}\\) +1 +12\\.00 +\\d{4}-\\S+ +CANCELLED$`),
    );
    expect(cli('orders', 'cancel', '999999')).to.deep.include({
      code: 1,
      err: 'error: NOT_FOUND: order 999999 not found',
    });
  });

  describe('events (lesson 18)', () => {
    it('--kept: prints each event the services keep, one line each, with its position, then stops', () => {
      const product = JSON.parse(cli('products', 'create', '--name', 'Ruler', '--price', '3', '--json').out) as {
        id: string;
      };
      const order = JSON.parse(
        cli('orders', 'create', '--user', '1', '--product', product.id, '--quantity', '2', '--json').out,
      ) as { id: string };
      const { code, out } = cli('events', '--kept');
      expect(code).to.equal(0);
      const lines = out.split('\n');
      for (const line of lines) expect(line).to.match(/^\d+\.\d+ {2}(order|stock)\.[a-z]+ {2}(order|product) \d+/);
      expect(
        lines.filter((line) => line.includes(`order ${order.id}:`)).map((line) => line.split('  ').slice(1).join('  ')),
      ).to.deep.equal([
        `order.created  order ${order.id}: 2 × Ruler for John, 6.00 · PENDING`,
        `order.confirmed  order ${order.id}: 2 × Ruler for John, 6.00 · CONFIRMED`,
      ]);
      expect(
        lines.some((line) => line.endsWith(`stock.changed  product ${product.id} (Ruler): 100 in stock`)),
      ).to.equal(true);
    });

    it('--after resumes after a position, and --count stops after so many events', () => {
      const kept = cli('events', '--kept').out.split('\n');
      const [position] = kept[kept.length - 3].split('  ');
      const { code, out } = cli('events', '--after', position, '--count', '2');
      expect(code).to.equal(0);
      // the same two events; between the two services, the merge may order them either way
      const what = (lines: string[]) => lines.map((line) => line.split('  ').slice(1).join('  ')).sort();
      expect(what(out.split('\n'))).to.deep.equal(what(kept.slice(-2)));
      expect(out.split('\n')[1].split('  ')[0]).to.equal(kept[kept.length - 1].split('  ')[0]);
    });

    it("a position from the future or a malformed one: the gateway's message, exit 1", () => {
      const future = cli('events', '--after', '99999.0');
      expect(future.code).to.equal(1);
      expect(future.err).to.match(
        /^error: OUT_OF_RANGE: order-service's event 99999 is in the future: its last event is \d+$/,
      );
      expect(cli('events', '--after', 'yesterday').err).to.match(
        /^error: INVALID_ARGUMENT: after must be the id of the last event seen/,
      );
      expect(cli('events', '--count', 'many').err).to.equal('error: --count must be a number, not "many"');
    });
  });

  it("prints the gateway's error message and exits 1", () => {
    const { code, err } = cli('orders', 'create', '--user', '0', '--product', '1', '--quantity', '1');
    expect(code).to.equal(1);
    expect(err).to.equal('error: NOT_FOUND: user 0 not found');
  });

  it('checks its own arguments before sending anything', () => {
    expect(cli('products', 'create', '--name', 'X', '--price', 'cheap')).to.deep.include({
      code: 1,
      err: 'error: --price must be a number, not "cheap"',
    });
    expect(cli('orders', 'create', '--user', '1').err).to.match(/^error: missing --product/);
    expect(cli('nonsense').err).to.match(/^error: unknown command "nonsense"/);
  });

  it('says when the gateway does not answer', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', 'users', 'list', '--url', url], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include(
      `error: the gateway at ${url} does not answer; is the sandbox running? (npm start)`,
    );
    // an address that is no URL at all (a port alone, say) is named as such
    const notUrl = spawnSync('npm', ['run', '-s', 'cli', '--', 'users', 'list', '--url', '3000'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(notUrl.status).to.equal(1);
    expect(notUrl.stderr).to.include('error: 3000 is not a URL: give it as --url http://host:port');
  });
});
