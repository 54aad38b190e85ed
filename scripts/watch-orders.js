// A WatchOrders subscriber in a process of its own, so a test can stop it (SIGSTOP) the way a
// laptop that went to sleep stops reading: then nothing reads its socket, and gRPC's flow control
// holds the service to what one stream may have in flight. Prints "open", then each event's
// sequence, then "status <code> <details>".
//   node scripts/watch-orders.js 127.0.0.1:50053   (test/saga.test.ts, npm run bench)
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const path = require('node:path');

const definition = protoLoader.loadSync(path.join(__dirname, '../protos/order.proto'), {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
});
const { order } = /** @type {any} */ (grpc.loadPackageDefinition(definition)); // an untyped client: the test reads only numbers
const client = new order.OrderService(process.argv[2], grpc.credentials.createInsecure());
const call = client.WatchOrders({ afterSequence: 0, follow: true });
call.on('metadata', () => console.log('open'));
call.on('data', (/** @type {{ sequence: number }} */ event) => console.log(event.sequence));
call.on('error', () => undefined);
call.on('status', (/** @type {import('@grpc/grpc-js').StatusObject} */ status) => {
  console.log(`status ${status.code} ${status.details}`);
  client.close();
});
