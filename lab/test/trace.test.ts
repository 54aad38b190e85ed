import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadServiceContract, PROTO_FILES, SECRET_FIELDS } from '@sandbox/protos';
import { GATEWAY_SECRET_KEY } from '@sandbox/gateway-secret';
import { TraceLog, type TraceReport } from '../src/http';
import type { Logger } from '../src/log';
import { describeMessage, formatTraceparent, parseTraceparent, RequestTrace } from '../src/trace';

describe('trace helpers', () => {
  it('reads and writes W3C traceparent headers, rejecting malformed or all-zero ids', () => {
    const header = formatTraceparent('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7');
    expect(header).to.equal('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parseTraceparent(header)).to.deep.equal({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
    });
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).to.equal(undefined);
    expect(parseTraceparent('garbage')).to.equal(undefined);
    expect(parseTraceparent(undefined)).to.equal(undefined);
  });

  it('describes a message by its scalar fields, for log lines', () => {
    expect(describeMessage({ userId: '1', productId: '1', quantity: 2 })).to.equal('userId=1 productId=1 quantity=2');
    expect(describeMessage({ id: '', nested: { a: 1 } })).to.equal('');
  });

  it('shows a secret field as [redacted], never its value', () => {
    expect(describeMessage({ name: 'Ada', email: 'ada@example.com', password: 'hunter22' })).to.equal(
      'name=Ada email=ada@example.com password=[redacted]',
    );
    // the gateway's UpdateUser: the fields not sent are undefined
    expect(describeMessage({ id: '4', name: undefined, email: undefined, password: 'hunter22' })).to.equal(
      'id=4 password=[redacted]',
    );
    expect(describeMessage({ userId: '1', sessionKey: 'k3y' })).to.equal('userId=1 sessionKey=[redacted]');
    // nested messages and lists are not described: nothing of them shows
    expect(describeMessage({ user: { id: '1', password: 'hunter22' }, passwords: ['hunter22'] })).to.equal('');
  });

  it('describes every message of the contract without the value of a secret field', () => {
    let secretFieldsSeen = 0;
    for (const file of PROTO_FILES) {
      for (const [type, definition] of Object.entries(loadServiceContract(file as 'user.proto'))) {
        if (!('format' in definition) || definition.format !== 'Protocol Buffer 3 DescriptorProto') continue;
        const fields = (definition.type as { field: Array<{ name: string; type: string }> }).field;
        // every field set, secrets first (a description shows four fields at most)
        const message = Object.fromEntries(
          [...fields]
            .sort((a, b) => Number(SECRET_FIELDS.includes(b.name)) - Number(SECRET_FIELDS.includes(a.name)))
            .map((f) => [f.name, f.type === 'TYPE_STRING' ? `value-of-${f.name}` : 7]),
        );
        const description = describeMessage(message);
        for (const { name } of fields.filter((f) => SECRET_FIELDS.includes(f.name))) {
          secretFieldsSeen += 1;
          expect(description, `${type}.${name}`).not.to.include(`value-of-${name}`);
          expect(description, `${type}.${name}`).to.include(`${name}=[redacted]`);
        }
      }
    }
    expect(secretFieldsSeen, 'CreateUser, UpdateUser and CheckPassword carry a password').to.be.at.least(3);
  });

  it('passes on the lab headers only: never the gateway secret, a token or the user', () => {
    const metadata = new grpc.Metadata();
    metadata.set(GATEWAY_SECRET_KEY, 'the-sandbox-secret');
    metadata.set('authorization', 'Bearer eyJ.x.y');
    metadata.set('x-user-id', '1');
    metadata.set('x-fault-delay', 'user=10');
    metadata.set('x-request-id', 'r1');
    const trace = RequestTrace.fromMetadata(metadata, 'user-service', { info() {}, debug() {} } as unknown as Logger);
    expect(trace.forwarded.getMap()).to.deep.equal({ 'x-fault-delay': 'user=10' });
  });
});

describe('the trace log', () => {
  const report = (requestId: string, userId?: string) => () =>
    ({ requestId, userId, path: '/api/users/1' }) as unknown as TraceReport;

  it("keeps a request's trace under its own id, and the latest when a client reuses its id", () => {
    const log = new TraceLog();
    for (const userId of [undefined, '1']) {
      const id = `reused-by-${userId ?? 'nobody'}`;
      log.add(log.idFor(id, userId), report(id, userId), userId);
      expect(log.idFor(id, userId)).to.equal(id);
    }
  });

  it("gives a request an id of its own when its id names another user's trace, or a user's and it has none", () => {
    const log = new TraceLog();
    log.add('adas', report('adas', '3'), '3');
    log.add('nobodys', report('nobodys'));
    for (const [id, userId] of [
      ['adas', '1'],
      ['adas', undefined],
      ['nobodys', '1'],
    ] as const) {
      const given = log.idFor(id, userId);
      expect(given, `${id} for ${userId}`).to.match(/^[0-9a-f]{8}$/);
      expect(log.idFor(given, userId)).to.equal(given); // free: nobody's trace has it
    }
    expect(log.get('adas')?.userId).to.equal('3');
  });
});
