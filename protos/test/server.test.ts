// The shared server bootstrap, over real loopback gRPC: handlers answer exactly once, internal
// errors never reach the client, and grpc-js's own errors are replaced by ones naming the service.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import type { User__Output } from '../generated/user/User';
import type { UserServiceClient } from '../generated/user/UserService';
import type { HealthCheckResponse__Output } from '../generated/grpc/health/v1/HealthCheckResponse';
import { CHANNEL_OPTIONS, loadContract, notFound, SERVED_BY_TRAILER, toSafeError, unaryCall } from '../src';
import { createGrpcServer, listen, stop, unary, type GrpcService } from '../src/server';
import { silentLog } from '../testing';

const context = { name: 'user-service', log: silentLog };
const contract = loadContract();

function fail(): never {
  throw new Error('should have failed');
}

describe('the gRPC server bootstrap', () => {
  let service: GrpcService;
  let client: UserServiceClient;
  let port: number;

  beforeEach(async () => {
    service = createGrpcServer({
      protoFile: 'user.proto',
      serviceName: 'user.UserService',
      handlers: {
        GetUser: unary((request: { id: string }) => {
          if (request.id === 'boom') throw new Error('secret internal detail at /srv/db');
          if (request.id === 'reject') return Promise.reject(new Error('async secret'));
          if (request.id === 'missing') throw notFound('user missing not found');
          return { id: request.id, name: 'John', email: 'john@example.com' };
        }, context),
      },
    });
    port = await listen(service, '127.0.0.1', 0);
    client = new contract.user.UserService(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  });

  afterEach(async () => {
    client.close();
    await stop(service, 1000);
  });

  const getUser = (id: string) => unaryCall<User__Output>((done) => client.getUser({ id }, done));

  it('answers a successful call with the trailer that names the service', async () => {
    const trailers = await new Promise<grpc.Metadata>((resolve) => {
      const call = client.getUser({ id: '7' }, () => undefined);
      call.on('status', (status) => resolve(status.metadata));
    });
    expect(trailers.get(SERVED_BY_TRAILER)).to.deep.equal(['user-service']);
  });

  it('sends a GrpcError with its own code and message', async () => {
    const error = await getUser('missing').then(fail, (e: grpc.ServiceError) => e);
    expect(error.code).to.equal(grpc.status.NOT_FOUND);
    expect(error.details).to.equal('user missing not found');
  });

  it('answers a thrown error as INTERNAL without its message', async () => {
    const error = await getUser('boom').then(fail, (e: grpc.ServiceError) => e);
    expect(error.code).to.equal(grpc.status.INTERNAL);
    expect(error.details).to.equal('internal error');
  });

  it('answers a rejected async handler (which grpc-js alone would leave hanging)', async () => {
    const error = await getUser('reject').then(fail, (e: grpc.ServiceError) => e);
    expect(error.code).to.equal(grpc.status.INTERNAL);
    expect(error.details).to.equal('internal error');
  });

  it('serves grpc.health.v1, SERVING once it listens', async () => {
    const health = new contract.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const before = await unaryCall<HealthCheckResponse__Output>((done) =>
      health.check({ service: 'user.UserService' }, done),
    );
    expect(before.status).to.equal('SERVING');
    health.close();
  });

  it('passes on what our service said, and replaces what grpc-js made up with the service name', async () => {
    const ours = await getUser('missing').then(fail, (e) => e);
    expect(toSafeError(ours, 'user-service').details).to.equal('user missing not found');

    const closed = new contract.user.UserService('127.0.0.1:1', grpc.credentials.createInsecure());
    const refused = await unaryCall<User__Output>((done) =>
      closed.getUser({ id: '1' }, { deadline: Date.now() + 2000 }, done),
    ).then(fail, (e) => e);
    closed.close();
    expect((refused as grpc.ServiceError).details).to.match(/127\.0\.0\.1/); // grpc-js names the address…
    const safe = toSafeError(refused, 'user-service');
    expect(safe.code).to.equal(grpc.status.UNAVAILABLE);
    expect(safe.details).to.equal('user-service is unavailable'); // …we do not
  });

  it('keeps the code of a status grpc-js made up: a reply too large is RESOURCE_EXHAUSTED, not "unavailable"', async () => {
    const small = new contract.user.UserService(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      ...CHANNEL_OPTIONS,
      'grpc.max_receive_message_length': 8,
    });
    const tooLarge = await unaryCall<User__Output>((done) => small.getUser({ id: '7' }, done)).then(fail, (e) => e);
    small.close();
    expect((tooLarge as grpc.ServiceError).code).to.equal(grpc.status.RESOURCE_EXHAUSTED);
    const safe = toSafeError(tooLarge, 'user-service');
    expect([grpc.status[safe.code], safe.details]).to.deep.equal([
      'RESOURCE_EXHAUSTED',
      'the call to user-service was refused: a message was larger than gRPC allows',
    ]);
  });
});
