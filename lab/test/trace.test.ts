import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { ConfigError, loadServiceContract, PROTO_FILES, SECRET_FIELDS } from '@sandbox/protos';
import { GATEWAY_SECRET_KEY } from '@sandbox/gateway-secret';
import { TraceLog, type TraceReport } from '../src/http';
import type { Logger } from '../src/log';
import { describeMessage, formatTraceparent, now, parseTraceparent, RequestTrace } from '../src/trace';
import { TraceSampler } from '../src/sampling';
import { tracesPerSecond } from '../src/settings';

describe('trace helpers', () => {
  it("now() is the wall clock's time, with a fraction of a millisecond: the spans of two processes compare", () => {
    for (let i = 0; i < 5; i += 1) {
      const before = Date.now();
      const at = now();
      const after = Date.now();
      expect(at).to.be.within(before - 1, after + 1); // Date.now() counts whole milliseconds
      expect(Number.isInteger(at)).to.equal(false);
    }
  });

  it('reads and writes W3C traceparent headers, rejecting malformed or all-zero ids', () => {
    const header = formatTraceparent('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7');
    expect(header).to.equal('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parseTraceparent(header)).to.deep.equal({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      sampled: true,
    });
    // the last field's lowest bit: 01 sampled (traced), 00 not (lab/src/sampling.ts)
    const untraced = formatTraceparent('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', false);
    expect(untraced).to.equal('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00');
    expect(parseTraceparent(untraced)?.sampled).to.equal(false);
    expect(parseTraceparent(`${header.slice(0, -2)}03`)?.sampled).to.equal(true);
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

  it('records and logs nothing for a call whose traceparent says it is not traced (00), and passes its lab headers on', () => {
    const lines: string[] = [];
    const log = { info: (_: unknown, line: string) => lines.push(line), debug() {} } as unknown as Logger;
    const span = {
      spanId: 'a',
      kind: 'server',
      name: 'GetUser',
      detail: '',
      start: 0,
      durationMs: 1,
      status: 'OK',
    } as const;
    const served = (flags: string) => {
      const metadata = new grpc.Metadata();
      metadata.set('traceparent', `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-${flags}`);
      metadata.set('x-fault-delay', 'user=10');
      const trace = RequestTrace.fromMetadata(metadata, 'user-service', log);
      trace.record(span);
      return trace;
    };
    const untraced = served('00');
    expect([untraced.sampled, untraced.spans, lines]).to.deep.equal([false, [], []]);
    expect(untraced.forwarded.getMap()).to.deep.equal({ 'x-fault-delay': 'user=10' });
    const traced = served('01');
    expect([traced.sampled, traced.spans.length, lines.length]).to.deep.equal([true, 1, 1]);
    // a call with no traceparent at all (npm run grpc, lesson 6) is traced by the service itself
    expect(RequestTrace.fromMetadata(new grpc.Metadata(), 'user-service', log).sampled).to.equal(true);
  });
});

describe('sampling under load (TRACES_PER_SECOND)', () => {
  it('traces the first n API requests of a second, and then says in one line how many were not', async () => {
    let said = (_fields: object, _line: string) => undefined as void;
    const logged = new Promise<[object, string]>((resolve) => (said = (...args) => resolve(args)));
    const sampler = new TraceSampler(3, {
      info: (fields: object, text: string) => said(fields, text),
    } as unknown as Logger);
    const taken = Array.from({ length: 10 }, () => sampler.take());
    expect(taken).to.deep.equal([true, true, true, false, false, false, false, false, false, false]);
    expect(await logged).to.deep.equal([
      { traced: 3, untraced: 7, tracesPerSecond: 3 },
      'api-gateway traced 3 of 10 API requests in the last second (TRACES_PER_SECOND=3); 7 answered untraced: no trace, step log lines or Server-Timing',
    ]);
    // the next second counts afresh
    expect(sampler.take()).to.equal(true);
  });

  it('reads TRACES_PER_SECOND: 100 unless set, a whole number or "all"; anything else is one clear line', () => {
    expect(tracesPerSecond({})).to.equal(100);
    expect(tracesPerSecond({ TRACES_PER_SECOND: '0' })).to.equal(0);
    expect(tracesPerSecond({ TRACES_PER_SECOND: ' 250 ' })).to.equal(250);
    expect(tracesPerSecond({ TRACES_PER_SECOND: 'all' })).to.equal(Infinity);
    for (const wrong of ['-1', '1.5', 'lots', '1e3', 'ALL\n'])
      expect(() => tracesPerSecond({ TRACES_PER_SECOND: wrong }), wrong)
        .to.throw(ConfigError)
        .with.property('message')
        .that.matches(
          /^TRACES_PER_SECOND must be a whole number of requests a second \(such as 100, or 0 for none\) or "all", not "/,
        );
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
