// The diagram's "CLI" client: talks to the gateway over HTTP/JSON, like the browser and Postman.
//   npm run -s cli -- users list
//   npm run -s cli -- orders create --user 1 --product 1 --quantity 2
//   npm run -s cli -- trace            (the last request's hops, as a timeline)
//   npm run -s cli -- login --email john@example.com --password john-secret   (lesson 11)
// --json prints the gateway's JSON as it is, for scripts. Errors print the gateway's message and
// exit with code 1.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { readConfig } from './config';
import { table } from './table';

const USAGE = `usage: npm run -s cli -- <command> [options]

  users list                                  users get <id>
  users create --name <name> --email <email> [--password <password>]
  users delete <id>
  products list [--query <text>]              products get <id>
  products create --name <name> --price <price> [--description <text>] [--stock <n>]
  orders list [--user <id>]                   orders get <id>
  orders create --user <id> --product <id> --quantity <n>
  orders cancel <id>                          a CONFIRMED order becomes CANCELLED (lesson 17)
  events [--after <id>] [--count <n>] [--kept]  follow the services' events (lesson 18); Ctrl-C stops
                                              --kept: the events kept so far, then stop
  trace [<request id>]                        the hops of a request (default: the latest)
  health
  login --email <email> --password <password> log in: the commands after it send the token
  whoami                                      who the saved token is for      logout  forget it
  token                                       the saved token, for curl: -H "Authorization: Bearer $(npm run -s cli -- token)"
  settings                                    auth, rate limit, cache (lessons 11–13) and the saga (16)
  settings auth <off|required>   settings rate-limit <off|5/min>   settings cache <milliseconds, 0: off>
  settings saga <off|on>

Lists follow every page (the gateway sends at most 100 items a page).
options: --json (print the JSON answer)  --url <gateway> (default $GATEWAY_URL or http://localhost:3000)`;

interface Options {
  json: boolean;
  url: string;
  name?: string;
  email?: string;
  price?: string;
  description?: string;
  user?: string;
  product?: string;
  quantity?: string;
  query?: string;
  password?: string;
  stock?: string;
  after?: string;
  count?: string;
  kept: boolean;
}

class CliError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      url: { type: 'string', default: readConfig().gatewayUrl },
      name: { type: 'string' },
      email: { type: 'string' },
      price: { type: 'string' },
      description: { type: 'string' },
      user: { type: 'string' },
      product: { type: 'string' },
      quantity: { type: 'string' },
      query: { type: 'string' },
      password: { type: 'string' },
      stock: { type: 'string' },
      after: { type: 'string' },
      count: { type: 'string' },
      kept: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const options = values as Options;
  const [noun, verb = 'list', id] = positionals;
  const tokens = new SavedTokens(readConfig().tokenFile);
  const api = (method: string, path: string, body?: unknown) =>
    call(options.url, method, path, body, tokens.get(options.url));
  const show = (answer: unknown, render: () => string) =>
    console.log(options.json ? JSON.stringify(answer, null, 2) : render());

  const alone = ['trace', 'health', 'login', 'logout', 'whoami', 'token', 'settings', 'events'].includes(noun);
  switch (`${noun} ${alone ? '' : verb}`.trim()) {
    case 'users list': {
      const users = await everyPage<User>(api, '/api/users', 'users');
      return show({ users }, () => userTable(users));
    }
    case 'users get':
      return showOne(options, await api('GET', `/api/users/${need(id, 'a user id')}`), (u) => userTable([u as User]));
    case 'users create': {
      const password = options.password === undefined ? {} : { password: options.password };
      const user = await api('POST', '/api/users', {
        name: need(options.name, '--name'),
        email: need(options.email, '--email'),
        ...password,
      });
      return showOne(options, user, (u) => userTable([u as User]));
    }
    case 'users delete':
      await api('DELETE', `/api/users/${need(id, 'a user id')}`);
      return console.log(options.json ? '{}' : `user ${id} deleted`);
    case 'products list': {
      const query = options.query ? `?query=${encodeURIComponent(options.query)}` : '';
      const products = await everyPage<Product>(api, `/api/products${query}`, 'products');
      return show({ products }, () => productTable(products));
    }
    case 'products get':
      return showOne(options, await api('GET', `/api/products/${need(id, 'a product id')}`), (p) =>
        productTable([p as Product]),
      );
    case 'products create': {
      const product = await api('POST', '/api/products', {
        name: need(options.name, '--name'),
        price: number(need(options.price, '--price'), '--price'),
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(options.stock === undefined ? {} : { stock: number(options.stock, '--stock') }),
      });
      return showOne(options, product, (p) => productTable([p as Product]));
    }
    case 'orders list': {
      const query = options.user ? `?userId=${encodeURIComponent(options.user)}` : '';
      const orders = await everyPage<Order>(api, `/api/orders${query}`, 'orders');
      return show({ orders }, () => orderTable(orders));
    }
    case 'orders get':
      return showOne(options, await api('GET', `/api/orders/${need(id, 'an order id')}`), (o) =>
        orderTable([o as Order]),
      );
    case 'orders create': {
      const order = await api('POST', '/api/orders', {
        userId: need(options.user, '--user'),
        productId: need(options.product, '--product'),
        quantity: number(need(options.quantity, '--quantity'), '--quantity'),
      });
      return showOne(options, order, (o) => orderTable([o as Order]));
    }
    case 'orders cancel':
      return showOne(options, await api('POST', `/api/orders/${need(id, 'an order id')}/cancel`), (o) =>
        orderTable([o as Order]),
      );
    case 'events':
      return followEvents(options, tokens.get(options.url));
    case 'trace': {
      const requestId = positionals[1];
      const trace = (
        requestId
          ? await api('GET', `/traces/${requestId}`)
          : ((await api('GET', '/traces?limit=1')) as { traces: Trace[] }).traces[0]
      ) as Trace | undefined;
      if (!trace) throw new CliError('no request has been traced yet: send one first');
      return show(trace, () => timeline(trace));
    }
    case 'health': {
      const answer = (await api('GET', '/health').catch((e) =>
        e instanceof HealthError ? e.body : Promise.reject(e),
      )) as Health;
      show(answer, () =>
        table(
          ['service', 'status', 'latency'],
          Object.entries(answer.services).map(([n, s]) => [n, s.status, `${s.latencyMs} ms`]),
        ),
      );
      if (answer.status !== 'SERVING') process.exitCode = 1;
      return undefined;
    }
    case 'login': {
      const answer = (await call(options.url, 'POST', '/api/auth/login', {
        email: need(options.email, '--email'),
        password: need(options.password, '--password'),
      })) as Login;
      tokens.set(options.url, answer.token);
      return show(
        answer,
        () =>
          `logged in as ${answer.user.name} (user ${answer.user.id}, ${answer.user.role}) for ${answer.expiresIn / 60} minutes; the next commands send the token`,
      );
    }
    case 'logout':
      tokens.set(options.url, undefined);
      return console.log(options.json ? '{}' : 'logged out: the next commands send no token');
    case 'token': {
      // for curl: -H "Authorization: Bearer $(npm run -s cli -- token)"
      const token = tokens.get(options.url);
      if (!token)
        throw new CliError(
          'nobody is logged in; log in with: npm run -s cli -- login --email <email> --password <password>',
        );
      return console.log(token);
    }
    case 'whoami': {
      if (!tokens.get(options.url))
        throw new CliError(
          'nobody is logged in; log in with: npm run -s cli -- login --email <email> --password <password>',
        );
      const me = (await api('GET', '/api/auth/me')) as User & { role: string };
      return show(me, () => `${me.name} (user ${me.id}, ${me.role})`);
    }
    case 'settings': {
      const [, name, value] = positionals;
      const field = name === undefined ? undefined : SETTINGS[name];
      if (name !== undefined && !field)
        throw new CliError(`unknown setting "${name}": the settings are ${Object.keys(SETTINGS).join(', ')}`);
      const answer = (
        field
          ? await api('PATCH', '/lab/settings', {
              [field]: field === 'cacheTtlMs' ? number(need(value, 'a value'), 'cache') : need(value, 'a value'),
            })
          : await api('GET', '/lab/settings')
      ) as Settings;
      return show(answer, () =>
        table(
          ['setting', 'value'],
          [
            ['auth', answer.auth],
            ['rate-limit', answer.rateLimit],
            ['cache', answer.cacheTtlMs ? `${answer.cacheTtlMs} ms` : 'off'],
            ['saga', answer.saga],
          ],
        ),
      );
    }
    default:
      throw new CliError(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
  }
}

interface User {
  id: string;
  name: string;
  email: string;
}
interface Login {
  token: string;
  expiresIn: number;
  user: User & { role: string };
}
interface Settings {
  auth: string;
  rateLimit: string;
  cacheTtlMs: number;
  saga: string;
}
// the CLI's names for the gateway's settings (PATCH /lab/settings)
const SETTINGS: Record<string, string> = { auth: 'auth', 'rate-limit': 'rateLimit', cache: 'cacheTtlMs', saga: 'saga' };

/** The tokens `login` got, one per gateway URL, in a file only you can read. */
class SavedTokens {
  constructor(private readonly file: string) {}

  get(url: string): string | undefined {
    return this.all()[url];
  }

  set(url: string, token: string | undefined): void {
    const all = { ...this.all(), [url]: token };
    if (token === undefined) delete all[url];
    fs.writeFileSync(this.file, JSON.stringify(all), { mode: 0o600 });
  }

  private all(): Record<string, string | undefined> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return {}; // none saved yet (or a file that is not ours to read)
    }
  }
}
interface Product {
  id: string;
  name: string;
  description: string;
  price: number;
  stock: number;
}
interface Order {
  id: string;
  userId: string;
  userName: string;
  productId: string;
  productName: string;
  quantity: number;
  totalPrice: number;
  createdAt: string;
  status: string;
  failureReason?: string;
}
interface Health {
  status: string;
  services: Record<string, { status: string; latencyMs: number }>;
}
interface Span {
  service: string;
  replica?: string;
  kind: string;
  peer?: string;
  step?: string;
  name: string;
  detail: string;
  offsetMs: number;
  durationMs: number;
  status: string;
}
interface Trace {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  spans: Span[];
  user?: string;
  cache?: string;
}

const userTable = (users: User[]) =>
  table(
    ['id', 'name', 'email'],
    users.map((u) => [u.id, u.name, u.email]),
  );
const productTable = (products: Product[]) =>
  table(
    ['id', 'name', 'price', 'stock', 'description'],
    products.map((p) => [p.id, p.name, p.price.toFixed(2), String(p.stock), p.description]),
  );
const orderTable = (orders: Order[]) =>
  table(
    ['id', 'user', 'product', 'quantity', 'total', 'created', 'status'],
    // a FAILED order says why (lesson 16): the last column, so a long reason moves nothing
    orders.map((o) => [
      o.id,
      `${o.userName} (${o.userId})`,
      `${o.productName} (${o.productId})`,
      String(o.quantity),
      o.totalPrice.toFixed(2),
      o.createdAt,
      o.failureReason ? `${o.status}: ${o.failureReason}` : o.status,
    ]),
  );

/** Every item of a list, page after page: each answer's nextPageToken asks for the next page. */
async function everyPage<T>(
  api: (method: string, path: string) => Promise<unknown>,
  path: string,
  key: string,
): Promise<T[]> {
  const items: T[] = [];
  let pageToken = '';
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer = (await api(
      'GET',
      pageToken ? `${path}${separator}pageToken=${encodeURIComponent(pageToken)}` : path,
    )) as Record<string, unknown>;
    items.push(...((answer[key] as T[]) ?? []));
    pageToken = typeof answer.nextPageToken === 'string' ? answer.nextPageToken : '';
  } while (pageToken !== '');
  return items;
}

function showOne(options: Options, answer: unknown, render: (value: unknown) => string): void {
  console.log(options.json ? JSON.stringify(answer, null, 2) : render(answer));
}

/**
 * The hops of a request as a table with a bar per hop: overlapping bars ran at the same time.
 * Hops of the diagram's order flow are listed in the diagram's step order (1–9, 2, 2–7, 3a, …).
 */
function timeline(trace: Trace): string {
  const scale = 30 / Math.max(trace.durationMs, 0.1);
  const inStepOrder = trace.spans.every((s) => s.step);
  // a step's call before its answer: the saga's 6a is both order-service's call and product-service's answer
  const byStep = (a: Span, b: Span) =>
    (a.step as string).localeCompare(b.step as string) || a.kind.localeCompare(b.kind);
  const spans = inStepOrder ? [...trace.spans].sort(byStep) : trace.spans;
  const rows = spans.map((s) => {
    const what = s.kind === 'client' ? `→ ${s.peer} ${s.name}` : s.name;
    // each process reads its own clock, so a hop may seem to start a hair before its caller's
    const bar =
      ' '.repeat(Math.max(0, Math.round(s.offsetMs * scale))) +
      '█'.repeat(Math.max(1, Math.round(s.durationMs * scale)));
    // the replica that answered, when the service runs as several (lesson 22): "product-service-2"
    return [
      s.step ?? '',
      s.replica ?? s.service,
      what,
      `${s.durationMs.toFixed(1)} ms`,
      s.status === 'OK' ? 'ok' : s.status,
      bar,
    ];
  });
  // who it was for (a token: lesson 11), and whether the gateway answered from its cache (lesson 13)
  const extra = `${trace.user ? ` · user ${trace.user}` : ''}${trace.cache ? ` · cache ${trace.cache}` : ''}`;
  return (
    `request ${trace.requestId}: ${trace.method} ${trace.path} → ${trace.status} in ${trace.durationMs.toFixed(1)} ms${extra}\n` +
    table(['step', 'service', 'hop', 'took', 'status', 'timeline'], rows)
  );
}

interface ServiceEvent {
  type: string;
  order?: Order & { status: string; failureReason?: string };
  productId?: string;
  productName?: string;
  stock?: number;
  orderId?: string;
  quantity?: number;
}

/** One line for an event: what happened, to what. */
function describeEvent(event: ServiceEvent): string {
  const { order } = event;
  if (order)
    return `order ${order.id}: ${order.quantity} × ${order.productName} for ${order.userName}, ${order.totalPrice.toFixed(2)} · ${order.status}${order.failureReason ? ` (${order.failureReason})` : ''}`;
  // a reservation's key is "<order id>@<run of order-service>" (product-service/src/stock.ts): the order is enough here
  const units = event.quantity ? `${event.quantity} for order ${event.orderId?.split('@')[0]} · ` : '';
  return `product ${event.productId} (${event.productName}): ${units}${event.stock} in stock`;
}

/** GET /api/events, printed as it comes: one line an event, until Ctrl-C (or --count, or --kept's end). */
async function followEvents(options: Options, token: string | undefined): Promise<void> {
  const count = options.count === undefined ? Infinity : number(options.count, '--count');
  const query = new URLSearchParams({
    ...(options.after ? { after: options.after } : {}),
    ...(options.kept ? { follow: 'false' } : {}),
  }).toString();
  let response: Response;
  try {
    response = await fetch(`${options.url}/api/events${query ? `?${query}` : ''}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new CliError(`the gateway at ${options.url} does not answer; is the sandbox running? (npm start)`);
  }
  if (!response.ok) {
    const error = ((await response.json().catch(() => ({}))) as { error?: { code: string; message: string } }).error;
    throw new CliError(error ? `${error.code}: ${error.message}` : `HTTP ${response.status}`);
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let printed = 0;
  while (printed < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while (printed < count && (end = buffered.indexOf('\n\n')) >= 0) {
      const lines = buffered.slice(0, end).split('\n');
      buffered = buffered.slice(end + 2);
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const data = field('data');
      if (!data) continue; // "retry:", or a keep-alive comment
      const event = JSON.parse(data) as ServiceEvent;
      if (field('event') === 'stream.ended')
        throw new CliError(
          `the stream ended: ${(event as unknown as { message: string }).message}; resume with --after ${options.after ?? '0.0'}`,
        );
      console.log(
        options.json
          ? JSON.stringify({ id: field('id'), ...event })
          : `${field('id')}  ${field('event')}  ${describeEvent(event)}`,
      );
      options.after = field('id');
      printed += 1;
    }
  }
  await reader.cancel();
}

class HealthError extends Error {
  constructor(readonly body: unknown) {
    super('not serving');
  }
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  let response: { status: number; text: string };
  try {
    response = await send(new URL(base + path), method, payload, {
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
  } catch (error) {
    if (error instanceof TypeError) throw new CliError(`${base} is not a URL: give it as --url http://host:port`);
    throw new CliError(`the gateway at ${base} does not answer; is the sandbox running? (npm start)`);
  }
  const answer = response.text ? JSON.parse(response.text) : {};
  if (path === '/health' && response.status === 503) throw new HealthError(answer);
  if (response.status >= 400) {
    const error = (answer as { error?: { code: string; message: string } }).error;
    const hint =
      response.status === 401 && token
        ? '\n(the CLI sent the token `login` saved; log in again, or forget it with: npm run -s cli -- logout)'
        : '';
    throw new CliError(`${error ? `${error.code}: ${error.message}` : `HTTP ${response.status}`}${hint}`);
  }
  return answer;
}

/**
 * One HTTP request, its answer read whole. With node:http, not fetch: a command makes one or two
 * calls and ends, and fetch's first call alone costs a process about 0.2 s of CPU to set itself up
 * (three times what the rest of a command costs).
 */
function send(
  url: URL,
  method: string,
  payload: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method, headers, timeout: 15_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 15 s')));
    request.on('error', reject);
    request.end(payload);
  });
}

function need(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new CliError(`missing ${what}\n\n${USAGE}`);
  return value;
}

function number(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || Number.isNaN(n)) throw new CliError(`${flag} must be a number, not "${value}"`);
  return n;
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`error: ${error instanceof CliError || error.name === 'TypeError' ? error.message : String(error)}`);
  process.exit(1);
});
