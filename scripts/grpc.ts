// Calls a service directly, without the gateway and without any .proto file, the way grpcurl does:
// it asks the server for its own descriptions over gRPC server reflection, then makes the call.
//   npm run -s grpc -- user-service list
//   npm run -s grpc -- user-service GetUser '{"id":"1"}'
//   npm run -s grpc -- order-service CreateOrder '{"userId":"1","productId":"1","quantity":2}' -H 'x-fault-delay: product=300'
//   npm run -s grpc -- user-service GetUser '{"id":"1"}' --gateway-secret   (AUTH=required: lesson 11)
//   npm run -s grpc -- user-service GetUser '{"id":"1"}' --proto my-copy/user.proto
//     a caller with its own copy of the contract, older or newer than the service's (lesson 20)
//   npm run -s grpc -- product-service-2 GetProduct '{"id":"1"}'
//     one replica of a scaled service (lesson 22), found through the running sandbox
//   npm run -s grpc -- order-service WatchOrders '{"follow":true}'   a server stream (lesson 18)
// Prints the answer as JSON (a stream's messages one after another, as they come), or the gRPC
// status and message on one line and exits 1.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import path from 'node:path';
import { deadlineIn, LOADER_OPTIONS } from '../protos/src';
import { GATEWAY_SECRET_KEY } from '../gateway-secret/src';
import { askSandbox } from '../launcher/control';
import { describe, listServices } from './reflection';
import { controlPath } from '../launcher/services';

const ADDRESSES: Record<string, [variable: string, fallback: string]> = {
  'user-service': ['USER_SERVICE_ADDR', 'localhost:50051'],
  'product-service': ['PRODUCT_SERVICE_ADDR', 'localhost:50052'],
  'order-service': ['ORDER_SERVICE_ADDR', 'localhost:50053'],
};
function usage(problem: string): never {
  console.error(`${problem}
usage: npm run -s grpc -- <service> list
       npm run -s grpc -- <service> <Method> ['<request as JSON>'] [-H 'name: value' …] [--gateway-secret] [--proto <file>]
--gateway-secret sends the sandbox's secret, as the gateway does (AUTH=required: tutorial lesson 11)
--proto <file> uses that .proto file instead of asking the service (a caller's own copy of the contract: lesson 20)
where <service> is ${Object.keys(ADDRESSES).join(', ')}, a replica of the running sandbox (product-service-2), or a host:port`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const headers: string[] = [];
  for (let i = args.indexOf('-H'); i !== -1; i = args.indexOf('-H')) headers.push(...args.splice(i, 2).slice(1));
  const asGateway = args.includes('--gateway-secret');
  if (asGateway) args.splice(args.indexOf('--gateway-secret'), 1);
  const protoAt = args.indexOf('--proto');
  const protoFile = protoAt === -1 ? undefined : (args.splice(protoAt, 2)[1] ?? usage('--proto needs a .proto file'));
  const [target, method, json = '{}'] = args;
  if (!target || !method) usage('say which service to call, and what');
  const [variable, fallback] = ADDRESSES[target] ?? [];
  const address = variable
    ? (process.env[variable] ?? fallback)
    : target.includes(':')
      ? target
      : /-service-\d+$/.test(target)
        ? await replicaAddress(target)
        : usage(`unknown service "${target}"`);

  const described = protoFile ? fromProtoFile(protoFile) : await fromReflection(address);

  if (method === 'list') {
    for (const [name, definition] of described) console.log(`${name}: ${Object.keys(definition).join(', ')}`);
    return;
  }

  // "GetUser", or "grpc.health.v1.Health/Check" when two services could have the same method
  const [wantedService, wantedMethod] = method.includes('/') ? method.split('/') : [undefined, method];
  const found = described.find(
    ([name, definition]) => (!wantedService || name === wantedService) && wantedMethod in definition,
  );
  if (!found) usage(`no method "${method}" at ${address}; \`npm run -s grpc -- ${target} list\` shows what there is`);

  let request: unknown;
  try {
    request = JSON.parse(json);
  } catch {
    usage(`the request is not valid JSON: ${json}`);
  }
  const metadata = new grpc.Metadata();
  for (const header of headers) {
    const [name, ...value] = header.split(':');
    metadata.add(name.trim().toLowerCase(), value.join(':').trim());
  }

  if (asGateway) metadata.set(GATEWAY_SECRET_KEY, await sandboxSecret());

  const { requestStream, responseStream } = found[1][wantedMethod];
  if (requestStream)
    usage(
      `${method} takes a stream of requests: this script sends one, so it calls unary and server-streaming methods only`,
    );
  const Client = grpc.makeGenericClientConstructor(found[1], found[0]);
  const client = new Client(address, grpc.credentials.createInsecure()) as unknown as Record<
    string,
    (...args: unknown[]) => unknown
  > &
    grpc.Client;
  if (responseStream)
    return printStream(client[wantedMethod](request, metadata) as grpc.ClientReadableStream<unknown>, client);
  client[wantedMethod](
    request,
    metadata,
    { deadline: deadlineIn(15_000) },
    (error: grpc.ServiceError | null, response: unknown) => {
      client.close();
      if (error) fail(error);
      console.log(JSON.stringify(response, null, 2));
    },
  );
}

/**
 * A server stream (WatchOrders, WatchStock: lesson 18): each message as it comes, until the service
 * ends the stream. No deadline: with "follow": true it waits for new events until Ctrl-C.
 */
function printStream(call: grpc.ClientReadableStream<unknown>, client: grpc.Client): void {
  call.on('data', (message) => console.log(JSON.stringify(message, null, 2)));
  // a refusal (UNAUTHENTICATED with AUTH=required) comes as an 'error' event; unheard, Node would print a stack trace
  call.on('error', (error: grpc.ServiceError) => {
    client.close();
    fail(error);
  });
  call.on('end', () => client.close());
}

/** The service's answer when it refused: its status and message on one line, and exit 1. */
function fail(error: grpc.ServiceError): never {
  console.error(`${grpc.status[error.code]}: ${error.details}`);
  process.exit(1);
}

/** The services the server describes over reflection: the contract as the service knows it. */
async function fromReflection(address: string): Promise<Array<readonly [string, grpc.ServiceDefinition]>> {
  const services = (await listServices(address)).filter((name) => !name.startsWith('grpc.reflection.'));
  return Promise.all(services.map(async (name) => [name, await describe(address, name)] as const));
}

/** The services of a .proto file: the contract as this caller knows it, whatever the service's is. */
function fromProtoFile(file: string): Array<readonly [string, grpc.ServiceDefinition]> {
  let definition: protoLoader.PackageDefinition;
  try {
    definition = protoLoader.loadSync(path.resolve(file), LOADER_OPTIONS);
  } catch (error) {
    return usage(`cannot read ${file}: ${(error as Error).message}`);
  }
  // a service's entry is its methods; a message's or enum's has a `format`
  return Object.entries(definition)
    .filter(([, entry]) => !('format' in entry))
    .map(([name, entry]) => [name, entry as grpc.ServiceDefinition] as const);
}

/** Where a replica of the running sandbox listens ("product-service-2": lesson 22), from its launcher. */
async function replicaAddress(name: string): Promise<string> {
  const socket = controlPath(process.env.GATEWAY_PORT || 3000);
  const answer = await askSandbox(socket, 'GET', '/status', 5000).catch(() => undefined);
  if (!answer) throw new Error(`${name}: no sandbox started by npm start answers here, so no replica either`);
  const replica = (answer.body.processes as Array<{ name: string; port: number; state: string }>).find(
    (p) => p.name === name,
  );
  if (!replica)
    throw new Error(
      `${name} is not a process of the running sandbox: npm run sandbox -- scale ${name.replace(/-\d+$/, '')} ${name.split('-').pop()} starts it`,
    );
  return `127.0.0.1:${replica.port}`;
}

/** GATEWAY_SECRET if set; otherwise the running sandbox's, from its launcher (a socket only you can reach). */
async function sandboxSecret(): Promise<string> {
  if (process.env.GATEWAY_SECRET) return process.env.GATEWAY_SECRET;
  const socket = controlPath(process.env.GATEWAY_PORT || 3000);
  const answer = await askSandbox(socket, 'GET', '/secret', 5000).catch(() => undefined);
  if (!answer?.body?.secret)
    throw new Error('--gateway-secret: no sandbox started by npm start answers here, and GATEWAY_SECRET is not set');
  return answer.body.secret as string;
}

main().catch((error: Error & { code?: number; details?: string }) => {
  console.error(error.code !== undefined ? `${grpc.status[error.code]}: ${error.details}` : error.message);
  process.exit(1);
});
