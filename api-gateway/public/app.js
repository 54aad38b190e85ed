// The browser client of the sandbox. No framework and no build: plain JavaScript a student can
// read. It does three things:
//  1. it is a REST client like curl: the forms and tables call /api/users, /api/products, /api/orders;
//  2. it listens to GET /traces/stream (Server-Sent Events): the gateway sends every request's
//     trace, whoever sent it (with AUTH=required: the logged-in user's own, or all for the admin),
//     and this page replays its hops on the diagram and draws a timeline;
//  3. its lab buttons stop, start and reset the services (through /lab, relayed to npm start);
//  4. it logs in and switches the gateway's "Future" box: auth, rate limiting, caching (/lab/settings).
'use strict';

const SERVICES = ['user', 'product', 'order'];
const FAILURES = ['', 'UNAVAILABLE', 'INTERNAL', 'NOT_FOUND', 'DEADLINE_EXCEEDED'];
let requestCount = 0;

// ---------- 1. the REST client ----------

/** The lab controls as request headers: x-fault-delay, x-fault-fail, x-fanout. */
function labHeaders() {
  const form = document.getElementById('lab');
  const delays = SERVICES.map((s) => [s, Number(form.querySelector(`[name="delay-${s}"]`).value)]).filter(
    ([, ms]) => ms > 0,
  );
  const fails = SERVICES.map((s) => [s, form.querySelector(`[name="fail-${s}"]`).value]).filter(([, code]) => code);
  const headers = {};
  if (delays.length) headers['x-fault-delay'] = delays.map(([s, ms]) => `${s}=${ms}`).join(',');
  if (fails.length) headers['x-fault-fail'] = fails.map(([s, code]) => `${s}=${code}`).join(',');
  const fanout = form.querySelector('[name="fanout"]').value;
  if (fanout !== 'parallel') headers['x-fanout'] = fanout;
  return headers;
}

/**
 * One call to the gateway. `refresh` calls (reloading the tables) get request ids starting with
 * "ui-refresh-", so the diagram can skip them and keep showing what you did.
 */
async function api(method, path, body, { refresh = false } = {}) {
  requestCount += 1;
  const headers = {
    'x-request-id': `ui-${refresh ? 'refresh-' : ''}${Date.now()}-${requestCount}`,
    ...(refresh ? {} : labHeaders()),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers: { ...headers, ...authorization() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? {} : await response.json();
  if (!response.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer;
}

function say(text, ok) {
  const message = document.getElementById('message');
  message.textContent = text;
  message.className = ok ? 'ok' : 'error';
}

function fillTable(id, headers, rows) {
  const table = document.getElementById(id);
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const h of headers) head.appendChild(document.createElement('th')).textContent = h;
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell;
  }
}

function fillSelect(select, items, label) {
  const chosen = select.value;
  select.replaceChildren(...items.map((item) => new Option(label(item), item.id)));
  if (items.some((item) => item.id === chosen)) select.value = chosen;
}

// Lists come a page at a time (at most 100 items, GET /api/users?pageToken=…): each table shows
// one page, and its "next page" button asks for the page after it with the answer's nextPageToken.
const pages = { users: [''], products: [''], orders: [''] }; // the tokens of the pages shown so far

async function loadPage(list) {
  const token = pages[list][pages[list].length - 1];
  const answer = await api(
    'GET',
    `/api/${list}?pageSize=20${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
    undefined,
    { refresh: true },
  );
  // a page that emptied (after a reset, say) sends you back to the first one
  if (answer[list].length === 0 && pages[list].length > 1) {
    pages[list] = [''];
    return loadPage(list);
  }
  return answer;
}

function drawPager(list, answer) {
  const pager = document.getElementById(`${list}-pages`);
  pager.replaceChildren();
  if (pages[list].length > 1) pager.appendChild(pageButton('first page', () => (pages[list] = [''])));
  if (answer.nextPageToken) pager.appendChild(pageButton('next page →', () => pages[list].push(answer.nextPageToken)));
}

function pageButton(label, move) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', () => {
    move();
    refresh().catch((error) => say(error.message, false));
  });
  return button;
}

let refreshes = 0; // refreshes started; answers can arrive out of order, and only the latest is drawn

async function refresh() {
  const mine = (refreshes += 1);
  const [users, products, orders] = await Promise.all([loadPage('users'), loadPage('products'), loadPage('orders')]);
  if (mine !== refreshes) return;
  // tables and their page buttons change together, so what you see always belongs together
  drawPager('users', users);
  drawPager('products', products);
  drawPager('orders', orders);
  fillTable(
    'users',
    ['id', 'name', 'email'],
    users.users.map((u) => [u.id, u.name, u.email]),
  );
  fillTable(
    'products',
    ['id', 'name', 'price'],
    products.products.map((p) => [p.id, p.name, p.price.toFixed(2)]),
  );
  fillTable(
    'orders',
    ['id', 'user', 'product', 'quantity', 'total'],
    orders.orders.map((o) => [
      o.id,
      `${o.userName} (${o.userId})`,
      `${o.productName} (${o.productId})`,
      o.quantity,
      o.totalPrice.toFixed(2),
    ]),
  );
  const form = document.getElementById('create-order');
  fillSelect(form.userId, users.users, (u) => `${u.id} · ${u.name}`);
  fillSelect(form.productId, products.products, (p) => `${p.id} · ${p.name} (${p.price.toFixed(2)})`);
}

function onSubmit(id, send) {
  document.getElementById(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(event.target));
    try {
      say(await send(fields), true);
      await refresh();
    } catch (error) {
      say(error.message, false);
    }
  });
}

onSubmit('create-user', async ({ name, email, password }) => {
  // a password is optional, unless AUTH=required (then the new user needs one to log in)
  const user = await api('POST', '/api/users', { name, email, ...(password ? { password } : {}) });
  return `created user ${user.id}, ${user.name}`;
});
onSubmit('create-product', async ({ name, price }) => {
  const product = await api('POST', '/api/products', { name, price: Number(price) });
  return `created product ${product.id}, ${product.name}`;
});
onSubmit('create-order', async ({ userId, productId, quantity }) => {
  const order = await api('POST', '/api/orders', { userId, productId, quantity: Number(quantity) });
  return `created order ${order.id}: ${order.quantity} × ${order.productName} for ${order.userName} = ${order.totalPrice.toFixed(2)}`;
});

for (const select of document.querySelectorAll('#lab select[name^="fail-"]')) {
  select.replaceChildren(...FAILURES.map((code) => new Option(code || '(no failure)', code)));
}

// ---------- 2. the live diagram ----------

/** The diagram element a span lights up: an arrow for a call, a box for work done in a service. */
function elementsOf(span) {
  if (span.kind === 'http') return [`hop-client-api-gateway`];
  if (span.kind === 'client') return [`hop-${span.service}-${span.peer}`];
  return [`box-${span.service}`];
}

const isFailure = (span) => (span.kind === 'http' ? Number(span.status) >= 400 : span.status !== 'OK');

/**
 * Where a failure happened: the deepest failing hop, the one none of whose own hops failed (the
 * others only passed the failure on). A failing call with no failing answer behind it failed at
 * the service it called (stopped, or too slow); a failing answer, in the service that gave it.
 */
function whereItFailed(trace) {
  const failed = trace.spans.filter(isFailure);
  const leaf = failed.find((span) => !failed.some((other) => other.parentId === span.spanId));
  if (!leaf) return undefined;
  const box = leaf.kind === 'client' ? leaf.peer : leaf.service;
  return { box, status: leaf.kind === 'http' ? `HTTP ${leaf.status}` : leaf.status };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replays a trace on the diagram, slowed down so a 5 ms request is still visible. */
async function animate(trace) {
  document
    .querySelectorAll('#diagram .active, #diagram .error, #diagram .cached')
    .forEach((el) => el.classList.remove('active', 'error', 'cached'));
  document.querySelectorAll('.status').forEach((el) => (el.textContent = ''));
  drawTimeline(trace);
  const slowdown = Math.min(Math.max(1500 / Math.max(trace.durationMs, 1), 1), 100);
  await Promise.all(
    trace.spans.map(async (span) => {
      await sleep(span.offsetMs * slowdown);
      const elements = elementsOf(span)
        .map((id) => document.getElementById(id))
        .filter(Boolean);
      elements.forEach((el) => el.classList.add('active'));
      // a service that runs as several processes (lesson 22): which of them answered
      if (span.kind === 'server' && scaled.has(span.service)) {
        document.getElementById(`status-${span.service}`).textContent = `answered by ${span.replica || span.service}`;
      }
      await sleep(Math.max(span.durationMs * slowdown, 400));
      elements.forEach((el) => {
        el.classList.remove('active');
        // the arrows a failure travelled along turn red; the box where it began is marked below
        if (isFailure(span) && el.classList.contains('hop')) el.classList.add('error');
      });
    }),
  );
  const failure = whereItFailed(trace);
  if (failure) {
    // a request refused by the gateway itself (401, 403, 429: lessons 11 and 12) is marked on its box
    document.getElementById(`box-${failure.box}`).classList.add('error');
    document.getElementById(`status-${failure.box}`).textContent = failure.status;
  } else if (trace.cache === 'HIT') {
    // answered from the gateway's cache (lesson 13): no arrow to a service lit up
    document.getElementById('box-api-gateway').classList.add('cached');
    const status = document.getElementById('status-api-gateway');
    status.textContent = 'cache HIT';
    status.classList.add('cached');
  }
}

/** One row per hop: a bar from its start to its end, on the request's own time scale. */
function drawTimeline(trace) {
  const user = trace.user ? ` · for user ${trace.user}` : '';
  const cache =
    trace.cache === 'HIT'
      ? ' · cache HIT: answered by the gateway, no gRPC call'
      : trace.cache
        ? ` · cache ${trace.cache}`
        : '';
  document.getElementById('trace-title').textContent =
    `${trace.method} ${trace.path} → ${trace.status} in ${trace.durationMs.toFixed(1)} ms · request ${trace.requestId}${user}${cache}`;
  const timeline = document.getElementById('timeline');
  timeline.replaceChildren();
  timeline.dataset.requestId = trace.requestId;
  for (const span of trace.spans) {
    const row = document.createElement('div');
    row.className = `span${isFailure(span) ? ' failed' : ''}`;
    Object.assign(row.dataset, {
      service: span.service,
      replica: span.replica || '',
      kind: span.kind,
      name: span.name,
      step: span.step || '',
    });
    const what = span.kind === 'client' ? `→ ${span.peer} ${span.name}` : span.name;
    const label = document.createElement('span');
    // which replica answered, when the service runs as several (lesson 22): "product-service-2"
    label.textContent = `${span.step ? `${span.step} · ` : ''}${span.replica || span.service} ${what}`;
    const track = document.createElement('span');
    track.className = 'track';
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.left = `${(100 * span.offsetMs) / trace.durationMs}%`;
    bar.style.width = `${(100 * span.durationMs) / trace.durationMs}%`;
    track.appendChild(bar);
    const took = document.createElement('span');
    took.className = 'took';
    took.textContent = span.status === 'OK' ? `${span.durationMs.toFixed(1)} ms` : span.status;
    row.append(label, track, took);
    timeline.appendChild(row);
  }
}

// Replaying takes a second or two per request, so a burst cannot be replayed one by one without
// falling minutes behind: while one replays, only the newest waits; the others are counted.
let replaying = false;
let next = null;
let notReplayed = 0;

function replay(trace) {
  if (replaying) {
    if (next) countNotReplayed(1);
    next = trace;
    return;
  }
  replaying = true;
  animate(trace).finally(() => {
    replaying = false;
    const waiting = next;
    next = null;
    if (waiting) replay(waiting);
  });
}

function countNotReplayed(count) {
  notReplayed += count;
  document.getElementById('skipped').textContent =
    `${notReplayed} more request${notReplayed === 1 ? '' : 's'} not replayed here (a burst): GET /traces lists them all`;
}

function showUntraced({ traced, untraced, tracesPerSecond }) {
  const at = new Date().toLocaleTimeString();
  document.getElementById('untraced').textContent =
    `${at}: ${untraced} of ${traced + untraced} requests in a second went untraced (TRACES_PER_SECOND=${tracesPerSecond}): not drawn here, nor kept in GET /traces`;
}

// Followed with fetch rather than EventSource (followStream, below), so that the login token goes
// with it: with AUTH=required the gateway shows each user their own requests only (lesson 11).
const traces = followStream('/traces/stream', {
  opened: () => (document.getElementById('stream-state').textContent = '· live'),
  broken: (why) => (document.getElementById('stream-state').textContent = `· ${why}`),
  event(name, data) {
    if (name === 'trace') {
      const trace = JSON.parse(data);
      if (trace.requestId.startsWith('ui-refresh-')) return; // the page reloading its tables
      replay(trace);
    }
    // the gateway skips traces for a tab that does not keep up (say, asleep), and says how many
    if (name === 'skipped') countNotReplayed(JSON.parse(data).count);
    // under load the gateway traces only TRACES_PER_SECOND requests a second (lesson 5): the rest
    // are nowhere to be drawn, and it says how many
    if (name === 'untraced') showUntraced(JSON.parse(data));
  },
});

// ---------- 3. the processes: stop, start, reset (through npm start's launcher) ----------

async function lab(method, path, body) {
  // with AUTH=required, the buttons and switches are the admin's: the token goes along
  const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...authorization() };
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer;
}

// the services that run as several processes now (lesson 22): the diagram says which one answered
const scaled = new Set();

/**
 * Each service's button says what it would do: stop a running service, start a stopped one; its
 * replicas button, scale it to two processes or back to one.
 */
async function showProcesses() {
  const buttons = document.querySelectorAll('#lab button.process');
  const scaleButtons = document.querySelectorAll('#lab button.scale');
  try {
    const { processes } = await lab('GET', '/lab/processes');
    for (const button of buttons) {
      const running = processes.find((p) => p.name === button.dataset.process)?.state === 'running';
      button.textContent = running ? 'stop' : 'start';
      button.dataset.action = running ? 'stop' : 'start';
      button.disabled = false;
    }
    scaled.clear();
    for (const button of scaleButtons) {
      const service = button.dataset.service;
      const count = processes.filter((p) => p.name === service || p.name.startsWith(`${service}-`)).length;
      if (count > 1) scaled.add(service);
      button.textContent = count > 1 ? `${count} → 1` : '1 → 2';
      button.dataset.count = count > 1 ? '1' : '2';
      button.title =
        count > 1 ? `${service} runs as ${count} processes: back to one` : `run ${service} as two processes`;
      button.disabled = false;
    }
  } catch (error) {
    // not run by npm start (a container, say): no process buttons
    for (const button of [...buttons, ...scaleButtons])
      Object.assign(button, { textContent: 'n/a', disabled: true, title: error.message });
    document.getElementById('reset').disabled = true;
  }
}

for (const button of document.querySelectorAll('#lab button.scale')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      say((await lab('POST', `/lab/processes/${button.dataset.service}/scale/${button.dataset.count}`)).done, true);
    } catch (error) {
      say(error.message, false);
    }
    await showProcesses();
  });
}

for (const button of document.querySelectorAll('#lab button.process')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      say((await lab('POST', `/lab/processes/${button.dataset.process}/${button.dataset.action}`)).done, true);
    } catch (error) {
      say(error.message, false);
    }
    await showProcesses();
  });
}

document.getElementById('reset').addEventListener('click', async () => {
  try {
    say((await lab('POST', '/lab/reset')).done, true);
    pages.users = [''];
    pages.products = [''];
    pages.orders = [''];
    await refresh();
  } catch (error) {
    say(error.message, false);
  }
  await showProcesses();
});

// a process may also be stopped from a terminal: look again now and then, while the tab is seen
setInterval(() => document.visibilityState === 'visible' && showProcesses(), 3000);
showProcesses();

// ---------- 4. the gateway's "Future" box: who is logged in, and the three switches ----------

// the token lives as long as this tab (sessionStorage), like a session
function loggedIn() {
  const saved = sessionStorage.getItem('login');
  return saved ? JSON.parse(saved) : undefined;
}

/** The header that sends the token, when someone is logged in. */
function authorization() {
  const login = loggedIn();
  return login ? { authorization: `Bearer ${login.token}` } : {};
}

function showWho() {
  const login = loggedIn();
  document.getElementById('who').textContent = login
    ? `Logged in as ${login.user.name} (user ${login.user.id}, ${login.user.role}).`
    : 'Nobody is logged in.';
  document.querySelector('#login .login-fields').hidden = Boolean(login);
  document.getElementById('logout').hidden = !login;
}

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { email, password } = Object.fromEntries(new FormData(event.target));
  sessionStorage.removeItem('login'); // log in afresh, without the old token
  try {
    const answer = await api('POST', '/api/auth/login', { email, password });
    sessionStorage.setItem('login', JSON.stringify({ token: answer.token, user: answer.user }));
    event.target.password.value = '';
    say(`logged in as ${answer.user.name}; the token is valid for ${answer.expiresIn / 60} minutes`, true);
  } catch (error) {
    say(error.message, false);
  }
  showWho();
  followAgain();
});

document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem('login');
  showWho();
  say('logged out', true);
  followAgain();
});

// another user (or nobody) now: the tables, the traces and the events as they may see them
function followAgain() {
  refresh().catch((error) => say(error.message, false));
  traces.restart();
  events.restart();
}

function fillSettings(settings) {
  const form = document.getElementById('settings');
  form.auth.value = settings.auth;
  form.rateLimit.value = settings.rateLimit;
  form.cacheTtlMs.value = settings.cacheTtlMs;
  form.saga.value = settings.saga;
}

async function showSettings() {
  fillSettings(await lab('GET', '/lab/settings'));
}

document.getElementById('settings').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    // the answer is the switches as they are now: the form shows them, then the message says so
    const settings = await lab('PATCH', '/lab/settings', {
      auth: form.auth.value,
      rateLimit: form.rateLimit.value.trim(),
      cacheTtlMs: Number(form.cacheTtlMs.value),
      saga: form.saga.value,
    });
    fillSettings(settings);
    say(
      `the gateway now has auth ${settings.auth}, rate limit ${settings.rateLimit}, cache ${settings.cacheTtlMs ? `${settings.cacheTtlMs} ms` : 'off'}; order-service's saga is ${settings.saga}`,
      true,
    );
  } catch (error) {
    say(error.message, false);
  }
});

showWho();
showSettings().catch((error) => say(error.message, false));
refresh().catch((error) => say(error.message, false));

// ---------- 5. the services' events, live (lesson 18) ----------

// GET /api/events streams order-service's and product-service's events (gRPC server streams, as
// Server-Sent Events). When the stream breaks, it resumes after the last event seen.
const EVENTS_SHOWN = 30;
let lastEventId = '';

function describeEvent(event) {
  const { order } = event;
  if (order)
    return `order ${order.id}: ${order.quantity} × ${order.productName} for ${order.userName} · ${order.status}${order.failureReason ? ` (${order.failureReason})` : ''}`;
  const units = event.quantity ? `${event.quantity} for order ${event.orderId.split('@')[0]} · ` : '';
  return `${event.productName} (product ${event.productId}): ${units}${event.stock} in stock`;
}

function showEvent(name, event) {
  const list = document.getElementById('event-list');
  const item = document.createElement('li');
  item.dataset.type = name;
  item.className = name.replace('.', '-');
  const type = document.createElement('code');
  type.textContent = name;
  item.append(type, ` ${describeEvent(event)}`);
  list.prepend(item);
  while (list.children.length > EVENTS_SHOWN) list.lastElementChild.remove();
}

const events = followStream('/api/events', {
  headers: () => (lastEventId ? { 'last-event-id': lastEventId } : {}),
  opened: () => (document.getElementById('events-state').textContent = 'live'),
  broken(why) {
    document.getElementById('events-state').textContent = why;
    // a service that restarted numbers its events from 1 again: start over
    if (/in the future/.test(why)) lastEventId = '';
  },
  event(name, data, id) {
    if (name === 'stream.ended') return;
    lastEventId = id ?? lastEventId;
    showEvent(name, JSON.parse(data));
  },
});

// ---------- 6. following a stream of Server-Sent Events ----------

/**
 * Reads a stream of Server-Sent Events with fetch rather than EventSource, so the login token goes
 * with it (EventSource cannot send headers), and calls `event(name, data, id)` for each. When the
 * stream ends it is followed again; when it cannot be opened (a rate limit, a stopped service, a
 * token it needs), again after 2 s, then twice as long each time, up to a minute. `restart()`
 * follows it again at once, with the token of whoever is logged in now.
 *
 * A tab in the background lets go of its streams, and follows them again when it is shown. A
 * browser opens at most six connections to one host (HTTP/1.1), and each tab of this page would
 * otherwise hold two of them for as long as it is open: with three tabs left open, a fourth could
 * load nothing, not even /docs. The events stream then picks up where it stopped (Last-Event-ID).
 */
function followStream(path, { headers = () => ({}), opened, broken, event }) {
  let stop = new AbortController();
  let retryMs = 2000;
  let timer;

  async function follow() {
    const { signal } = stop;
    try {
      const response = await fetch(path, { headers: { ...authorization(), ...headers() }, signal });
      if (!response.ok) throw new Error((await response.json()).error?.message ?? `HTTP ${response.status}`);
      opened();
      retryMs = 2000;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const lines = buffered.slice(0, end).split('\n');
          buffered = buffered.slice(end + 2);
          const field = (name) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
          const data = field('data');
          if (data) event(field('event') ?? 'message', data, field('id'));
        }
      }
      broken('reconnecting…');
    } catch (error) {
      if (signal.aborted) return; // restarted: another follow() has begun
      broken(`not connected (${error.message}); trying again in ${retryMs / 1000} s`);
      retryMs = Math.min(retryMs * 2, 60_000);
    }
    timer = setTimeout(follow, retryMs);
  }

  function restart() {
    stop.abort();
    clearTimeout(timer);
    stop = new AbortController();
    retryMs = 2000;
    if (document.visibilityState === 'hidden') broken('paused while this tab is in the background');
    else follow();
  }
  document.addEventListener('visibilitychange', restart);
  restart();
  return { restart };
}
