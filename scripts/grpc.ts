// Calls one gRPC method of a service directly, without the gateway (like grpcurl, with our protos):
//   npm run -s grpc -- user-service GetUser '{"id":"1"}'
// Prints the answer as JSON, or the gRPC status and message and exits 1.
import * as grpc from '@grpc/grpc-js';
import { deadlineIn, loadContract } from '../protos/src';

const SERVICES = {
  'user-service': { addressVariable: 'USER_SERVICE_ADDR', address: 'localhost:50051', client: 'user.UserService' },
  'product-service': { addressVariable: 'PRODUCT_SERVICE_ADDR', address: 'localhost:50052', client: 'product.ProductService' },
  'order-service': { addressVariable: 'ORDER_SERVICE_ADDR', address: 'localhost:50053', client: 'order.OrderService' },
} as const;

type ServiceName = keyof typeof SERVICES;
type AnyClient = grpc.Client & Record<string, (req: unknown, opts: grpc.CallOptions, done: grpc.requestCallback<unknown>) => void>;

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run -s grpc -- <${Object.keys(SERVICES).join('|')}> <Method> ['<request as JSON>']`);
  process.exit(2);
}

const [serviceName, method, json = '{}'] = process.argv.slice(2);
const service = SERVICES[serviceName as ServiceName];
if (!service) usage(`unknown service "${serviceName ?? ''}"`);

const contract = loadContract() as unknown as Record<string, Record<string, grpc.ServiceClientConstructor>>;
const [pkg, name] = service.client.split('.');
const Client = contract[pkg][name];
const methods = Object.keys(Client.service);
if (!methods.includes(method)) usage(`${serviceName} has no method "${method ?? ''}"; it has: ${methods.join(', ')}`);

let request: unknown;
try {
  request = JSON.parse(json);
} catch {
  usage(`the request is not valid JSON: ${json}`);
}

const address = process.env[service.addressVariable] ?? service.address;
const client = new Client(address, grpc.credentials.createInsecure()) as unknown as AnyClient;
client[method](request, { deadline: deadlineIn(5000) }, (error, response) => {
  client.close();
  if (error) {
    console.error(`${grpc.status[(error as grpc.ServiceError).code]}: ${(error as grpc.ServiceError).details}`);
    process.exit(1);
  }
  console.log(JSON.stringify(response, null, 2));
});
