// npm run compare: the diagram's "Protocol Comparison", measured instead of claimed (lesson 21).
// For the diagram's order and for a list of 100 products it prints:
//   1. the body: JSON text against the protobuf message, in bytes
//   2. the bytes on the wire, headers and framing included: HTTP/1.1 + JSON (a client to the
//      gateway) against HTTP/2 + gRPC (the gateway's own call to the service), counted by a TCP
//      relay in between, for the first call on a new connection and for a later one
//   3. the time to encode and decode each body, JSON against protobuf, on this machine
// It builds the diagram of its own in this process, on free ports, without the lab (as
// test/without-lab.test.ts does): the lab's trace travels in a trailer of every gRPC answer, and
// would be counted as gRPC's. Nothing of your running sandbox is touched.
//   npm run compare             the table
//   npm run compare -- --json   the figures as JSON (test/compare.test.ts, BENCHMARKS.md)
import * as grpc from '@grpc/grpc-js';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import * as protobuf from 'protobufjs';
import { createApp } from '../api-gateway/src/app';
import { readConfig } from '../api-gateway/src/config';
import { createClients } from '../api-gateway/src/conversion/clients';
import { createLookups } from '../order-service/src/lookups';
import { createServer as orderServer } from '../order-service/src/server';
import { OrderStore } from '../order-service/src/store';
import { createSeededStore as seedProducts } from '../product-service/src/seed';
import { createServer as productServer } from '../product-service/src/server';
import { loadContract } from '../protos/src';
import { listen, stop } from '../protos/src/server';
import { silentLog } from '../protos/testing';
import { createSeededStore as seedUsers } from '../user-service/src/seed';
import { createServer as userServer } from '../user-service/src/server';
import { ROOT } from '../launcher/services';

const ORDER = { userId: '1', productId: '1', quantity: 2 };

interface Exchange {
  sent: number; // bytes from the client, everything on the connection
  received: number; // bytes to the client
}

/** A TCP relay that counts the bytes each way: the wire as the network sees it. */
async function countingRelay(target: number): Promise<{ port: number; take(): Exchange; close(): void }> {
  let sent = 0;
  let received = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => ((sent += chunk.length), upstream.write(chunk)));
    upstream.on('data', (chunk) => ((received += chunk.length), client.write(chunk)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    take() {
      const exchange = { sent, received };
      sent = received = 0;
      return exchange;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** One HTTP/1.1 request with curl's headers, on `agent`'s connection; resolves with the body. */
function httpCall(port: number, agent: http.Agent, method: string, pathname: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'User-Agent': 'curl/8.5.0', Accept: '*/*' };
    if (body)
      Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
    const request = http.request({ host: '127.0.0.1', port, method, path: pathname, agent, headers }, (response) => {
      let text = '';
      response
        .setEncoding('utf8')
        .on('data', (chunk) => (text += chunk))
        .on('end', () => resolve(text));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function grpcCall<T>(client: grpc.Client, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method](
      request,
      { deadline: Date.now() + 10_000 },
      (error: Error | null, answer: T) => (error ? reject(error) : resolve(answer)),
    ),
  );
}

/**
 * Nanoseconds per call of `work`: the median of 5 rounds of about 15 ms each, after a warm-up of
 * about 50 ms. The rounds are sized by time, not by a count of calls: a small body is encoded in a
 * microsecond and a list of 100 products in a hundred, and a fixed count made the whole table take
 * about 8 s of CPU; this way it takes about 1 s, and each figure still rests on hundreds of calls
 * (thousands for the small body).
 */
function nsPerCall(work: () => unknown): number {
  const timed = (calls: number) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) work();
    return Number(process.hrtime.bigint() - start);
  };
  let calls = 1;
  for (let spent = 0; spent < 50e6; calls *= 2) spent += timed(calls); // warm-up, doubling
  const perRound = Math.max(1, Math.round((15e6 * calls) / timed(calls)));
  const rounds = Array.from({ length: 5 }, () => timed(perRound) / perRound);
  return rounds.sort((a, b) => a - b)[2];
}

export interface Comparison {
  name: string;
  body: { json: number; protobuf: number };
  wire: { http1Json: { first: Exchange; later: Exchange }; http2Grpc: { first: Exchange; later: Exchange } };
  timeNs: { jsonEncode: number; jsonDecode: number; protobufEncode: number; protobufDecode: number };
}

/** Request and answer together, in each form, for one exchange. */
async function compare(
  name: string,
  relays: { gateway: Awaited<ReturnType<typeof countingRelay>>; service: Awaited<ReturnType<typeof countingRelay>> },
  rest: (agent: http.Agent) => Promise<string>,
  rpc: (client: grpc.Client) => Promise<unknown>,
  makeClient: (address: string) => grpc.Client,
  types: { request: protobuf.Type; response: protobuf.Type; request_: object },
): Promise<Comparison> {
  // HTTP/1.1 + JSON, through the relay to the gateway: a new connection, then the same one again
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  relays.gateway.take();
  await rest(agent);
  const restFirst = relays.gateway.take();
  const jsonAnswer = await rest(agent);
  const restLater = relays.gateway.take();
  agent.destroy();
  // HTTP/2 + gRPC, through the relay to the service: the connection's set-up is part of the first
  const client = makeClient(`127.0.0.1:${relays.service.port}`);
  relays.service.take();
  await rpc(client);
  const grpcFirst = relays.service.take();
  await rpc(client);
  const grpcLater = relays.service.take();
  client.close();

  // the bodies, request and answer: JSON text as the gateway sends it, protobuf as gRPC does
  const answer = JSON.parse(jsonAnswer) as object;
  const requestJson = JSON.stringify(types.request_);
  const requestMessage = types.request.encode(types.request.fromObject(types.request_)).finish();
  const answerMessage = types.response.encode(types.response.fromObject(answer)).finish();
  const encodeJson = () => JSON.stringify(answer);
  const encodeProtobuf = () => types.response.encode(types.response.fromObject(answer)).finish();
  return {
    name,
    body: {
      json: Buffer.byteLength(requestJson) + Buffer.byteLength(jsonAnswer),
      protobuf: requestMessage.length + answerMessage.length,
    },
    wire: { http1Json: { first: restFirst, later: restLater }, http2Grpc: { first: grpcFirst, later: grpcLater } },
    timeNs: {
      jsonEncode: nsPerCall(encodeJson),
      jsonDecode: nsPerCall(() => JSON.parse(jsonAnswer)),
      protobufEncode: nsPerCall(encodeProtobuf),
      protobufDecode: nsPerCall(() =>
        types.response.toObject(types.response.decode(answerMessage), {
          enums: String,
          longs: String,
          defaults: true,
        }),
      ),
    },
  };
}

/** The diagram's four parts, without the lab, in this process; each on a free port. */
async function diagramWithoutLab() {
  const users = userServer(seedUsers(), { log: silentLog });
  const products = productServer(seedProducts(), { log: silentLog });
  const [userPort, productPort] = [await listen(users, '127.0.0.1', 0), await listen(products, '127.0.0.1', 0)];
  const lookups = createLookups({
    userServiceAddr: `127.0.0.1:${userPort}`,
    productServiceAddr: `127.0.0.1:${productPort}`,
    lookupDeadlineMs: 2000,
  });
  const orders = orderServer(new OrderStore(), lookups, { log: silentLog });
  const orderPort = await listen(orders, '127.0.0.1', 0);
  const config = {
    ...readConfig({}),
    userServiceAddr: `127.0.0.1:${userPort}`,
    productServiceAddr: `127.0.0.1:${productPort}`,
    orderServiceAddr: `127.0.0.1:${orderPort}`,
  };
  const clients = createClients(config);
  const gateway = http.createServer(createApp(clients, config, silentLog));
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  return {
    ports: {
      gateway: (gateway.address() as net.AddressInfo).port,
      'product-service': productPort,
      'order-service': orderPort,
    } as Record<string, number>,
    async close() {
      clients.close();
      lookups.close();
      gateway.closeAllConnections();
      await new Promise((resolve) => gateway.close(resolve));
      await Promise.all([users, products, orders].map((service) => stop(service, 1000)));
    },
  };
}

export async function runComparison(): Promise<Comparison[]> {
  const diagram = await diagramWithoutLab();
  const port = (name: string) => diagram.ports[name];
  const gatewayPort = diagram.ports.gateway;
  const root = new protobuf.Root().loadSync(
    ['order.proto', 'product.proto'].map((file) => path.join(ROOT, 'protos', file)),
    { keepCase: false },
  );
  const contract = loadContract();
  const results: Comparison[] = [];
  try {
    // 96 products more than the seeded 4: a page of 100
    for (let i = 1; i <= 96; i += 1) {
      await httpCall(
        gatewayPort,
        http.globalAgent,
        'POST',
        '/api/products',
        JSON.stringify({
          name: `Product number ${i}`,
          description: `A product made to fill a page, number ${i}`,
          price: 10 + i / 4,
        }),
      );
    }
    const orderRelays = {
      gateway: await countingRelay(gatewayPort),
      service: await countingRelay(port('order-service')),
    };
    results.push(
      await compare(
        "the diagram's order (POST /api/orders ↔ CreateOrder)",
        orderRelays,
        (agent) => httpCall(orderRelays.gateway.port, agent, 'POST', '/api/orders', JSON.stringify(ORDER)),
        (client) => grpcCall(client, 'CreateOrder', ORDER),
        (address) => new contract.order.OrderService(address, grpc.credentials.createInsecure()),
        {
          request: root.lookupType('order.CreateOrderRequest'),
          response: root.lookupType('order.Order'),
          request_: ORDER,
        },
      ),
    );
    const listRelays = {
      gateway: await countingRelay(gatewayPort),
      service: await countingRelay(port('product-service')),
    };
    results.push(
      await compare(
        '100 products (GET /api/products?pageSize=100 ↔ ListProducts)',
        listRelays,
        (agent) => httpCall(listRelays.gateway.port, agent, 'GET', '/api/products?pageSize=100'),
        (client) => grpcCall(client, 'ListProducts', { pageSize: 100 }),
        (address) => new contract.product.ProductService(address, grpc.credentials.createInsecure()),
        {
          request: root.lookupType('product.ListProductsRequest'),
          response: root.lookupType('product.ListProductsResponse'),
          request_: { pageSize: 100 },
        },
      ),
    );
    for (const relays of [orderRelays, listRelays]) for (const relay of Object.values(relays)) relay.close();
  } finally {
    await diagram.close();
  }
  return results;
}

function print(results: Comparison[]): void {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  const total = (e: Exchange) => e.sent + e.received;
  const µs = (ns: number) => `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  for (const r of results) {
    console.log(`\n${r.name}`);
    console.log(
      `  body, request + answer      JSON ${r.body.json} B   protobuf ${r.body.protobuf} B   JSON is ${ratio(r.body.json, r.body.protobuf)} protobuf`,
    );
    const { http1Json: h1, http2Grpc: h2 } = r.wire;
    console.log(
      `  on the wire, first call     HTTP/1.1+JSON ${total(h1.first)} B (${h1.first.sent} out, ${h1.first.received} back)   HTTP/2+gRPC ${total(h2.first)} B (${h2.first.sent} out, ${h2.first.received} back; the connection's set-up included)`,
    );
    console.log(
      `  on the wire, a later call   HTTP/1.1+JSON ${total(h1.later)} B (${h1.later.sent} out, ${h1.later.received} back)   HTTP/2+gRPC ${total(h2.later)} B (${h2.later.sent} out, ${h2.later.received} back)   ratio ${ratio(total(h1.later), total(h2.later))}`,
    );
    console.log(
      `  encode the answer           JSON.stringify ${µs(r.timeNs.jsonEncode)}   protobuf ${µs(r.timeNs.protobufEncode)}`,
    );
    console.log(
      `  decode the answer           JSON.parse ${µs(r.timeNs.jsonDecode)}   protobuf ${µs(r.timeNs.protobufDecode)}`,
    );
  }
  console.log(
    "\nBytes are exact for this sandbox; times are this machine's, now (protobufjs, the library grpc-js uses, against V8's JSON).",
  );
}

if (require.main === module) {
  runComparison()
    .then((results) =>
      process.argv.includes('--json') ? console.log(JSON.stringify(results, null, 2)) : print(results),
    )
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(`✘ npm run compare failed: ${(error as Error).message}`);
      process.exit(1);
    });
}
