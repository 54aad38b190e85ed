// user-service over real gRPC on a free loopback port: what grpcurl or Postman would see.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, unaryCall } from '@sandbox/protos';
import type { User__Output } from '@sandbox/protos/generated/user/User';
import { servedForTests, silentLog } from '@sandbox/protos/testing';
import { createSeededStore } from '../src/seed';
import { createServer } from '../src/server';

describe('user-service over gRPC', () => {
  const served = servedForTests(
    () => createServer(createSeededStore(), { log: silentLog }),
    (address) => new (loadContract().user.UserService)(address, grpc.credentials.createInsecure()),
  );

  it('creates a user with a unicode name and returns it byte for byte', async () => {
    const created = await unaryCall<User__Output>((done) =>
      served.client.createUser({ name: 'Zoë Ñandú 李 🚀', email: 'zoe@example.com' }, done),
    );
    const fetched = await unaryCall<User__Output>((done) => served.client.getUser({ id: created.id }, done));
    expect(fetched).to.deep.equal({ id: '4', name: 'Zoë Ñandú 李 🚀', email: 'zoe@example.com' });
  });

  it('answers INVALID_ARGUMENT naming the field to a direct call with a bad email', async () => {
    const error = await unaryCall<User__Output>((done) =>
      served.client.createUser({ name: 'X', email: 'nope' }, done),
    ).then(
      () => null,
      (e: grpc.ServiceError) => e,
    );
    expect(error?.code).to.equal(grpc.status.INVALID_ARGUMENT);
    expect(error?.details).to.equal('email must be an email address such as "ada@example.com"');
  });
});
