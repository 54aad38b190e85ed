// The browser page in a real browser (Debian's Chromium, headless, driven by playwright-core):
// it is a client of the REST API, and it draws every request's trace live on the diagram.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { askSandbox } from '../launcher/control';
import { startGateway, type Sandbox } from './support/harness';
import { useSandbox } from './support/sandbox';

const CHROMIUM = '/usr/bin/chromium';
// Chromium keeps only the last --disable-features it is given: ours repeats playwright-core's own
// (its chromiumSwitches.ts, as of playwright-core 1.65)
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
// headless, Chromium still loads the address bar's popup, which nobody sees, in a renderer of its
// own: about a CPU-second at every launch
const UNSEEN_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'];
// no background traffic: this machine has no network, and Chromium would try at every start
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNSEEN_FEATURES].join(',')}`,
];

describe('the browser page at http://localhost:3000/', function () {
  this.timeout(60_000);
  before(function () {
    if (!fs.existsSync(CHROMIUM)) {
      // .ci/run installs it; on a developer's machine without it, say so rather than pass
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing; .ci/run should have installed Debian's chromium`);
      this.skip();
    }
  });
  // the shared sandbox, from its seed data (the first order the page creates is order 1), and put
  // back to it at the end for the tests after these
  const shared = useSandbox();
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;
  // as `npm run sandbox -- reset` does it, through the launcher's control socket: after a test that
  // failed half-way with AUTH=required, the gateway's POST /lab/reset would refuse (401)
  const reset = async () => {
    const answer = await askSandbox(sandbox.env.SANDBOX_CONTROL as string, 'POST', '/reset');
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  };

  before(async function () {
    sandbox = shared.sandbox;
    await reset();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    // the diagram's arrows and boxes fade from one colour to the next (style.css, 0.15 s), which
    // Chromium draws here in software at 60 frames a second: six frames in ten of this test's. No
    // test looks at a fade, only at the classes that start it: here the colours change at once.
    await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = '* { transition: none !important; }';
      document.head.append(style);
    })`);
    await page.goto(sandbox.url);
    await page.waitForSelector('#users tbody tr');
    await page.waitForSelector('#stream-state:has-text("live")');
    expect(problems).to.deep.equal([]);
  });

  after(async () => {
    await browser?.close();
    if (sandbox) await reset();
  });

  // another tab beside the page, in the same browser profile, as a student opens one: a page in a
  // context of its own (browser.newPage()) is a window of its own, and Chromium starts a process for
  // each window's interface (half a CPU-second to a second each)
  const newTab = () => page.context().newPage();

  // waitForFunction asks every 50 ms: by default it asks at every frame, and so has Chromium draw
  // 60 frames a second while it waits
  const pollEvery50ms = { polling: 50 };

  // the lab's form as the tests last filled it in (the page starts with no delay and no failure):
  // each field is filled in only when it changes, as a student would
  const labForm = new Map<string, string>();
  async function setLab(delays: Record<string, number>, fails: Record<string, string> = {}) {
    for (const service of ['user', 'product', 'order']) {
      const delay = String(delays[service] ?? 0);
      const fail = fails[service] ?? '';
      if ((labForm.get(`delay-${service}`) ?? '0') !== delay) await page.fill(`[name="delay-${service}"]`, delay);
      if ((labForm.get(`fail-${service}`) ?? '') !== fail) await page.selectOption(`[name="fail-${service}"]`, fail);
      labForm.set(`delay-${service}`, delay).set(`fail-${service}`, fail);
    }
  }

  it("shows the diagram's boxes and the seeded data", async () => {
    for (const box of ['client', 'api-gateway', 'user-service', 'product-service', 'order-service']) {
      expect(await page.isVisible(`#box-${box}`), box).to.equal(true);
    }
    expect(await page.textContent('#users')).to.include('john@example.com');
    expect(await page.textContent('#products')).to.include('Laptop');
  });

  it('creates an order from the form and lists it', async () => {
    await setLab({});
    await page.selectOption('#create-order [name="userId"]', '1');
    await page.selectOption('#create-order [name="productId"]', '1');
    await page.fill('#create-order [name="quantity"]', '2');
    await page.click('#create-order button');
    await page.waitForSelector('#message.ok:has-text("created order 1")');
    expect(await page.textContent('#message')).to.equal('created order 1: 2 × Laptop for John = 2000.00');
    await page.waitForSelector('#orders tbody tr');
    expect(await page.textContent('#orders tbody tr')).to.equal('1John (1)Laptop (1)22000.00');
  });

  it("draws the order's trace with GetUser and GetProduct side by side in time", async () => {
    await setLab({ user: 200, product: 200 });
    await page.click('#create-order button');
    await page.waitForSelector('#message.ok:has-text("created order 2")');
    await page.waitForSelector('#timeline .span[data-kind="client"][data-name="GetProduct"]');
    const bar = async (name: string) =>
      (await page
        .locator(`#timeline .span[data-kind="client"][data-service="order-service"][data-name="${name}"] .bar`)
        .boundingBox())!;
    const [user, product] = [await bar('GetUser'), await bar('GetProduct')];
    expect(user.x).to.be.below(product.x + product.width);
    expect(product.x).to.be.below(user.x + user.width);
    const steps = await page
      .locator('#timeline .span')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')));
    expect(steps).to.include.members(['1–9', '2', '2–7', '3a', '3b', '4a', '4b']);
  });

  it('animates an order sent by another client (here with curl)', async () => {
    // the hop is lit for a moment only: note when it is, rather than hope to look at that moment
    await page.evaluate(`(() => {
      const hop = document.getElementById('hop-order-service-user-service');
      hop.dataset.litUp = 'no';
      new MutationObserver(() => hop.classList.contains('active') && (hop.dataset.litUp = 'yes')).observe(hop, { attributes: true, attributeFilter: ['class'] });
    })()`);
    const curl = spawnSync(
      'curl',
      [
        '-s',
        '-X',
        'POST',
        `${sandbox.url}/api/orders`,
        '-H',
        'Content-Type: application/json',
        '-H',
        'x-request-id: from-curl',
        '-d',
        '{"userId":"2","productId":"3","quantity":1}',
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(curl.stdout)).to.include({ userName: 'Jane', productName: 'Keyboard' });
    await page.waitForSelector('#timeline[data-request-id="from-curl"]');
    expect(await page.textContent('#trace-title')).to.match(
      /^POST \/api\/orders → 201 in [\d.]+ ms · request from-curl$/,
    );
    // the hops light up on the diagram as they are replayed
    await page.waitForSelector('#hop-order-service-user-service[data-lit-up="yes"]', { state: 'attached' });
  });

  it('shows an injected failure on the box where it happened', async () => {
    await setLab({}, { user: 'UNAVAILABLE' });
    await page.click('#create-order button');
    await page.waitForSelector('#message.error:has-text("UNAVAILABLE")');
    expect(await page.textContent('#message')).to.equal(
      'UNAVAILABLE: user-service failed with UNAVAILABLE because x-fault-fail asked it to',
    );
    await page.waitForSelector('#box-user-service.error', { timeout: 10_000 });
    expect(await page.textContent('#status-user-service')).to.equal('UNAVAILABLE');
    expect(await page.getAttribute('#box-order-service', 'class')).to.not.include('error');
  });

  it('shows a timeout on the slow service, not on those that passed it on', async () => {
    // half a second past the gateway's deadline (GATEWAY_DEADLINE_MS, 2 s unless set)
    await setLab({ product: Number(sandbox.env.GATEWAY_DEADLINE_MS ?? 2000) + 500 });
    await page.click('#create-order button');
    await page.waitForSelector('#message.error:has-text("DEADLINE_EXCEEDED")', { timeout: 10_000 });
    expect(await page.textContent('#message')).to.equal(
      'DEADLINE_EXCEEDED: product-service did not answer before the deadline',
    );
    await page.waitForSelector('#box-product-service.error', { timeout: 15_000 });
    expect(await page.textContent('#status-product-service')).to.equal('DEADLINE_EXCEEDED');
    await setLab({});
  });

  it('keeps up with a burst: replays the newest request and says how many it did not replay', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${sandbox.url}/api/users/1`, { headers: { 'x-request-id': `burst-${i}` } }),
      ),
    );
    const last = await fetch(`${sandbox.url}/api/products/1`, { headers: { 'x-request-id': 'after-the-burst' } });
    expect(last.status).to.equal(200);
    // it replays one request at a time (about two seconds each): behind by a whole burst, this would take over a minute
    await page.waitForSelector('#timeline[data-request-id="after-the-burst"]', { timeout: 8000 });
    expect(await page.textContent('#skipped')).to.match(
      /^\d+ more requests? not replayed here \(a burst\): GET \/traces lists them all$/,
    );
  });

  it('under load, says how many requests went untraced in a second (TRACES_PER_SECOND), as none of them can be drawn', async () => {
    // a gateway of its own in front of the same services, tracing none: every request is beyond it
    const gateway = await startGateway(sandbox, { TRACES_PER_SECOND: '0' });
    const tab = await newTab();
    try {
      await tab.goto(gateway.url);
      await tab.waitForSelector('#stream-state:has-text("live")');
      expect(await tab.textContent('#untraced')).to.equal('');
      const answers = await Promise.all(
        Array.from({ length: 3 }, () => fetch(`${gateway.url}/api/products/1`).then((r) => r.status)),
      );
      expect(answers).to.deep.equal([200, 200, 200]);
      await tab.waitForSelector('#untraced:has-text("went untraced")', { timeout: 5000 });
      expect(await tab.textContent('#untraced')).to.match(
        /^.+: (\d+) of \1 requests in a second went untraced \(TRACES_PER_SECOND=0\): not drawn here, nor kept in GET \/traces$/,
      );
      expect(await tab.getAttribute('#timeline', 'data-request-id')).to.equal(null);
    } finally {
      await tab.close();
      await gateway.stop();
    }
  });

  it('stops and starts a service with its lab button: the order fails, then works again', async () => {
    await page.waitForSelector('button[data-process="product-service"]:has-text("stop")');
    await page.click('button[data-process="product-service"]');
    await page.waitForSelector('#message.ok:has-text("product-service stopped")');
    await page.waitForSelector('button[data-process="product-service"]:has-text("start")');
    await page.click('#create-order button');
    await page.waitForSelector('#message.error:has-text("UNAVAILABLE: product-service is unavailable")');

    await page.click('button[data-process="product-service"]');
    await page.waitForSelector('#message.ok:has-text("product-service started")', { timeout: 15_000 });
    await page.click('#create-order button');
    await page.waitForSelector('#message.ok:has-text("created order")');
  });

  it('runs product-service as two replicas with its lab button, and the diagram names the replica that answered (lesson 22)', async () => {
    await page.waitForSelector('button[data-service="product-service"]:has-text("1 → 2")');
    await page.click('button[data-service="product-service"]');
    try {
      await page.waitForSelector('#message.ok:has-text("product-service runs as 2 replicas")', { timeout: 15_000 });
      await page.waitForSelector('button[data-service="product-service"]:has-text("2 → 1")');
      // the box's label changes for a moment per replayed call: note every replica it names (the
      // page may still be replaying an earlier test's calls, which show other labels, "UNAVAILABLE")
      await page.evaluate(`(() => {
        const status = document.getElementById('status-product-service');
        window.namedReplicas = [];
        new MutationObserver(() => status.textContent?.startsWith('answered by') && window.namedReplicas.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
      })()`);
      // round robin takes turns over every call, the page's own among them: a few GETs reach both
      for (let i = 1; i <= 6 && !(await page.evaluate('new Set(window.namedReplicas).size >= 2')); i++) {
        const id = `replica-${i}`;
        expect((await fetch(`${sandbox.url}/api/products/1`, { headers: { 'x-request-id': id } })).status).to.equal(
          200,
        );
        await page.waitForSelector(`#timeline[data-request-id="${id}"]`, { timeout: 10_000 });
        await page.waitForFunction(`window.namedReplicas.length >= ${i}`, undefined, {
          ...pollEvery50ms,
          timeout: 10_000,
        }); // its replay has named a replica
      }
      const named = await page.evaluate('[...new Set(window.namedReplicas)].sort()');
      expect(named).to.deep.equal(['answered by product-service', 'answered by product-service-2']);
      // the timeline's row says it too
      expect(await page.textContent('#timeline .span[data-kind="server"]')).to.match(
        /^product-service(-2)? GetProduct/,
      );

      await page.click('button[data-service="product-service"]');
      await page.waitForSelector('#message.ok:has-text("product-service runs as one process again")', {
        timeout: 15_000,
      });
      await page.waitForSelector('button[data-service="product-service"]:has-text("1 → 2")');
    } finally {
      // whatever failed above, the tests after this one get product-service as one process (a list
      // spread over two replicas' different data would page wrongly)
      await fetch(`${sandbox.url}/lab/processes/product-service/scale/1`, { method: 'POST' });
    }
  });

  it('signs up and logs in, says who is logged in, and marks a request the gateway refused (403) on its box', async () => {
    await page.fill('#create-user [name="name"]', 'Pat');
    await page.fill('#create-user [name="email"]', 'pat@example.com');
    await page.fill('#create-user [name="password"]', 'pat-secret');
    await page.click('#create-user button');
    await page.waitForSelector('#message.ok:has-text("created user")');
    const pat = (/created user (\d+)/.exec((await page.textContent('#message')) ?? '') ?? [])[1];
    await page.fill('#login [name="email"]', 'pat@example.com');
    await page.fill('#login [name="password"]', 'pat-secret');
    await page.click('#login button:has-text("Log in")');
    await page.waitForSelector(`#who:has-text("Logged in as Pat (user ${pat}, user).")`);
    // a user sees only themselves in the list of users (lesson 11)
    await page.waitForFunction(
      `[...document.querySelectorAll('#users tbody tr')].map((tr) => tr.cells[0].textContent).join() === '${pat}'`,
      undefined,
      pollEvery50ms,
    );
    await page.fill('#create-product [name="name"]', 'Pat lamp');
    await page.fill('#create-product [name="price"]', '10');
    await page.click('#create-product button');
    await page.waitForSelector('#message.error:has-text("PERMISSION_DENIED")');
    expect(await page.textContent('#message')).to.equal(
      `PERMISSION_DENIED: only an admin can change products; you are logged in as Pat (user ${pat})`,
    );
    await page.waitForSelector('#box-api-gateway.error', { timeout: 10_000 });
    expect(await page.textContent('#status-api-gateway')).to.equal('HTTP 403');
    expect(await page.getAttribute('#box-product-service', 'class')).to.not.include('error');
    await page.click('#logout');
    await page.waitForSelector('#who:has-text("Nobody is logged in.")');
  });

  it('with AUTH=required, keeps working for the admin once she logs in: the traces, the buttons, the switch back', async () => {
    await page.selectOption('#settings [name="auth"]', 'required');
    await page.click('#settings button');
    await page.waitForSelector('#message.ok:has-text("auth required")');
    // nobody logged in: the traces need a token, the buttons say whose they are
    await page.waitForSelector('#stream-state:has-text("the traces need a token while AUTH=required")', {
      timeout: 10_000,
    });
    await page.click('button[data-process="product-service"]');
    await page.waitForSelector(
      '#message.error:has-text("UNAUTHENTICATED: the sandbox\'s controls are the admin\'s while AUTH=required")',
    );
    await page.fill('#login [name="email"]', 'ada@example.com');
    await page.fill('#login [name="password"]', 'ada-secret');
    await page.click('#login button:has-text("Log in")');
    await page.waitForSelector('#who:has-text("Logged in as Ada Lovelace (user 3, admin).")');
    await page.waitForSelector('#stream-state:has-text("live")', { timeout: 10_000 });
    // her requests are drawn, and the buttons obey her
    await page.click('#create-order button');
    await page.waitForSelector('#message.ok:has-text("created order")');
    await page.waitForSelector('#trace-title:has-text("POST /api/orders → 201")', { timeout: 10_000 });
    await page.waitForSelector('button[data-process="product-service"]:has-text("stop")');
    await page.click('button[data-process="product-service"]');
    await page.waitForSelector('#message.ok:has-text("product-service stopped")');
    await page.waitForSelector('button[data-process="product-service"]:has-text("start")');
    await page.click('button[data-process="product-service"]');
    await page.waitForSelector('#message.ok:has-text("product-service started")', { timeout: 15_000 });
    await page.selectOption('#settings [name="auth"]', 'off');
    await page.click('#settings button');
    await page.waitForSelector('#message.ok:has-text("auth off")');
    await page.click('#logout');
    await page.waitForSelector('#who:has-text("Nobody is logged in.")');
    await page.waitForSelector('#stream-state:has-text("live")', { timeout: 10_000 });
  });

  it('a page of another site open in the same browser cannot reset, stop, scale or cancel (cross-site requests)', async () => {
    const json = async (path: string, init?: RequestInit): Promise<any> =>
      (await fetch(`${sandbox.url}${path}`, init)).json();
    const order = await json('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: '1', productId: '1', quantity: 1 }),
    });
    // a reset would forget them both
    const sam = await json('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sam', email: 'sam@example.com', password: 'sam-secret' }),
    });
    // the hostile page: on another origin (another port of this machine), it fires requests with no body, as a form or an image would
    const attacks = [
      '/lab/reset',
      '/lab/processes/product-service/stop',
      '/lab/processes/product-service/scale/4',
      `/api/orders/${order.id}/cancel`,
    ];
    const hostile = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<script>
        Promise.all(${JSON.stringify(attacks)}.map((path) => fetch('${sandbox.url}' + path, { method: 'POST', mode: 'no-cors' }).then(() => 'sent', () => 'failed')))
          .then((results) => (document.title = results.join()));
      </script>`);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const other = await newTab();
    try {
      await other.goto(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`);
      await other.waitForFunction('document.title !== ""', undefined, pollEvery50ms);
      // the browser sent them all (it only hides the answers from that page): the gateway refused each
      expect(await other.title()).to.equal('sent,sent,sent,sent');
      const traces = (await json('/traces?limit=100')).traces as Array<{ path: string; status: number }>;
      expect(traces.find((t) => t.path === `/api/orders/${order.id}/cancel`)?.status).to.equal(403);
      expect((await json(`/api/orders/${order.id}`)).status).to.equal('CONFIRMED');
      const { processes } = await json('/lab/processes');
      expect(processes.map((p: { name: string; state: string }) => `${p.name} ${p.state}`)).to.deep.equal([
        'user-service running',
        'product-service running',
        'order-service running',
        'api-gateway running',
      ]);
      expect((await json(`/api/users/${sam.id}`)).name).to.equal('Sam'); // no reset
    } finally {
      await other.close();
      hostile.close();
    }
  });

  it('switches the "Future" box from its controls: a cache HIT lights no service, a 429 is marked at the gateway', async () => {
    await page.fill('#settings [name="cacheTtlMs"]', '60000');
    await page.click('#settings button');
    await page.waitForSelector('#message.ok:has-text("cache 60000 ms")');
    expect(await (await fetch(`${sandbox.url}/lab/settings`)).json()).to.deep.equal({
      auth: 'off',
      rateLimit: 'off',
      cacheTtlMs: 60000,
      saga: 'off',
    });
    await fetch(`${sandbox.url}/api/products/2`, { headers: { 'x-request-id': 'page-cache-miss' } });
    const hit = await fetch(`${sandbox.url}/api/products/2`, { headers: { 'x-request-id': 'page-cache-hit' } });
    expect(hit.headers.get('x-cache')).to.equal('HIT');
    await page.waitForSelector('#timeline[data-request-id="page-cache-hit"]', { timeout: 8000 });
    expect(await page.textContent('#trace-title')).to.include('cache HIT: answered by the gateway, no gRPC call');
    await page.waitForSelector('#box-api-gateway.cached', { timeout: 8000 });
    expect(
      await page.$$eval('#timeline .span', (rows) => rows.map((row) => row.getAttribute('data-kind'))),
    ).to.deep.equal(['http']);

    await page.fill('#settings [name="rateLimit"]', '1/min');
    await page.fill('#settings [name="cacheTtlMs"]', '0');
    await page.click('#settings button');
    await page.waitForSelector('#message.ok:has-text("rate limit 1/min")');
    await fetch(`${sandbox.url}/api/users/1`, { headers: { 'x-request-id': 'page-limit-ok' } });
    const refused = await fetch(`${sandbox.url}/api/users/1`, { headers: { 'x-request-id': 'page-limit-refused' } });
    expect(refused.status).to.equal(429);
    await page.waitForSelector('#timeline[data-request-id="page-limit-refused"]', { timeout: 8000 });
    await page.waitForSelector('#box-api-gateway.error', { timeout: 8000 });
    expect(await page.textContent('#status-api-gateway')).to.equal('HTTP 429');

    await page.fill('#settings [name="rateLimit"]', 'off');
    await page.click('#settings button');
    await page.waitForSelector('#message.ok:has-text("rate limit off")');
    await page.fill('#settings [name="rateLimit"]', 'lots');
    await page.click('#settings button');
    await page.waitForSelector('#message.error:has-text("RATE_LIMIT must be off or")');
  });

  it("shows the services' events live beside the diagram: an order's created and confirmed", async () => {
    await page.waitForSelector('#events-state:has-text("live")');
    const order = (await (
      await fetch(`${sandbox.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: '2', productId: '3', quantity: 1 }),
      })
    ).json()) as { id: string };
    await page.waitForSelector(`#event-list li[data-type="order.confirmed"]:has-text("order ${order.id}:")`);
    expect(await page.textContent('#event-list li[data-type="order.confirmed"]')).to.match(
      new RegExp(`^order\\.confirmed order ${order.id}: 1 × Keyboard for .+ · CONFIRMED$`),
    );
    expect(
      await page.$$eval('#event-list li', (items) => items.map((item) => item.getAttribute('data-type'))),
    ).to.include('order.created');
  });

  // what a browser tells a tab when it goes to the background or comes back: Chromium shows every
  // window of this test, so the tab is told as the browser would tell it
  const setVisibility = (tab: Page, state: 'hidden' | 'visible') =>
    tab.evaluate(`Object.defineProperty(document, 'visibilityState', { get: () => '${state}', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'))`);

  it('a tab in the background lets go of its streams: with three more tabs open, /docs still opens; shown again, a tab gets the events it missed', async () => {
    // each tab follows two streams; a browser opens six connections to a host: without letting go,
    // the page and two more tabs would hold all six, and a fourth tab would wait for ever
    const tabs: Page[] = [];
    try {
      for (let i = 0; i < 3; i += 1) {
        const tab = await newTab();
        tabs.push(tab);
        await tab.goto(sandbox.url);
        await tab.waitForSelector('#stream-state:has-text("live")');
        await tab.waitForSelector('#events-state:has-text("live")');
        await setVisibility(tab, 'hidden');
        await tab.waitForSelector('#events-state:has-text("paused while this tab is in the background")');
        expect(await tab.textContent('#stream-state')).to.equal('· paused while this tab is in the background');
      }
      const docsPage = await newTab();
      tabs.push(docsPage);
      await docsPage.goto(`${sandbox.url}/docs`);
      await docsPage.waitForSelector('.opblock-summary-path', { timeout: 10_000 });
      // an order while the first tab is away: shown again, it follows again from the event it saw last
      const order = (await (
        await fetch(`${sandbox.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: '1', productId: '2', quantity: 1 }),
        })
      ).json()) as { id: string };
      const [away] = tabs;
      expect(await away.textContent('#event-list')).to.not.include(`order ${order.id}:`);
      await setVisibility(away, 'visible');
      await away.waitForSelector('#stream-state:has-text("live")');
      await away.waitForSelector(`#event-list li[data-type="order.confirmed"]:has-text("order ${order.id}:")`);
    } finally {
      await Promise.all(tabs.map((tab) => tab.close()));
    }
  });

  it('pages through a long list, and paging leaves the other controls working once each', async () => {
    for (let i = 1; i <= 22; i += 1) {
      await fetch(`${sandbox.url}/api/products`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Paged ${i}`, price: i }),
      });
    }
    await page.reload();
    await page.waitForSelector('#products-pages button:has-text("next page")');
    await page.click('#products-pages button:has-text("next page")');
    await page.waitForSelector('#products-pages button:has-text("first page")');
    expect(await page.textContent('#products')).to.include('Paged 22');
    expect(await page.textContent('#products')).to.not.include('Laptop');
    await page.click('#products-pages button:has-text("first page")');
    await page.waitForSelector('#products:has-text("Laptop")');
    // one click, one login: paging must not add the login form's handler again
    const logins: string[] = [];
    page.on('request', (request) => request.url().endsWith('/api/auth/login') && logins.push(request.method()));
    await page.fill('#login [name="email"]', 'john@example.com');
    await page.fill('#login [name="password"]', 'john-secret');
    await page.click('#login button:has-text("Log in")');
    await page.waitForSelector('#who:has-text("Logged in as John")');
    await page.click('#logout');
    await page.waitForSelector('#who:has-text("Nobody is logged in.")');
    expect(logins).to.deep.equal(['POST']);
  });

  it("runs a GraphQL query from /graphql, lists its gRPC calls, and the diagram's page animates it like any request", async () => {
    const graphqlPage = await newTab();
    const elsewhere: string[] = [];
    graphqlPage.on(
      'request',
      (request) =>
        !request.url().startsWith(sandbox.url) && !request.url().startsWith('data:') && elsewhere.push(request.url()),
    );
    try {
      await graphqlPage.goto(`${sandbox.url}/graphql`);
      // the schema is there, folded away under its summary
      await graphqlPage.waitForSelector('#schema:has-text("type Order")', { state: 'attached' });
      await graphqlPage.click('#examples button:has-text("an order with its user and product")');
      await graphqlPage.fill('#variables', '{"id": "1"}');
      await graphqlPage.click('#run');
      await graphqlPage.waitForSelector('#calls li');
      expect(JSON.parse((await graphqlPage.textContent('#answer')) ?? '')).to.deep.equal({
        data: {
          order: {
            id: '1',
            quantity: 2,
            totalPrice: 2000,
            user: { name: 'John', email: 'john@example.com' },
            product: { name: 'Laptop', price: 1000 },
          },
        },
      });
      const calls = await graphqlPage.$$eval('#calls li', (items) =>
        items.map((item) => (item.textContent ?? '').replace(/ \(.*$/, '')),
      );
      expect(calls).to.deep.equal([
        'api-gateway → order-service GetOrder',
        'api-gateway → user-service GetUser',
        'api-gateway → product-service GetProduct',
      ]);
      const requestId = (/request (graphql-page-\S+)/.exec((await graphqlPage.textContent('#status')) ?? '') ?? [])[1];
      await page.waitForSelector(`#timeline[data-request-id="${requestId}"]`, { timeout: 8000 });
      expect(await page.textContent('#trace-title')).to.match(/^POST \/graphql → 200/);
      // a refused query shows its error
      await graphqlPage.click('#examples button:has-text("too deep")');
      await graphqlPage.click('#run');
      await graphqlPage.waitForSelector('#answer.has-errors');
      expect(await graphqlPage.textContent('#answer')).to.include('QUERY_TOO_DEEP');
      expect(elsewhere).to.deep.equal([]);
    } finally {
      await graphqlPage.close();
    }
  });

  it('draws the API reference at /docs from /openapi.json, with nothing from outside the sandbox', async () => {
    const docsPage = await newTab();
    const elsewhere: string[] = [];
    docsPage.on(
      'request',
      (request) =>
        !request.url().startsWith(sandbox.url) && !request.url().startsWith('data:') && elsewhere.push(request.url()),
    );
    try {
      await docsPage.goto(`${sandbox.url}/docs`);
      await docsPage.waitForSelector('.opblock-summary-path');
      const paths = await docsPage.$$eval('.opblock-summary-path', (items) =>
        items.map((item) => item.getAttribute('data-path')),
      );
      expect(paths).to.include.members(['/api/orders', '/api/users/{id}/orders', '/api/auth/login']);
      expect(paths.length).to.equal(24);
      expect(elsewhere).to.deep.equal([]);
    } finally {
      await docsPage.close();
    }
  });

  it('puts the data back to the seed with the reset button', async () => {
    await page.click('#reset');
    await page.waitForSelector('#message.ok:has-text("back to their seed data")', { timeout: 15_000 });
    await page.waitForFunction("document.querySelectorAll('#orders tbody tr').length === 0", undefined, pollEvery50ms);
    expect(await page.textContent('#products')).to.include('Laptop');
  });
});
