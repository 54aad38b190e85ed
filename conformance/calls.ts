// What every conformance suite needs: one call and everything that came back (the answer or the
// status, and the trailer), an expected error, the first events of a stream, and the checks of
// health and reflection that every service of the sandbox passes.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract } from '../protos/src';
import { describe as describeService, listServices } from '../scripts/reflection';

export interface Outcome<T> {
  answer?: T;
  code: grpc.status;
  message: string;
  trailer: grpc.Metadata;
}

export interface Caller {
  call<T>(method: string, request: object): Promise<Outcome<T>>;
  expectError(method: string, request: object, code: grpc.status, message: string | RegExp): Promise<Outcome<unknown>>;
  /** The stream's messages up to `count`, or up to the one `until` picks (fewer if it ends first); then the call is cancelled. */
  firstOf<T>(
    method: string,
    request: object,
    count: number,
    until?: (message: T) => boolean,
  ): Promise<{ messages: T[]; code: grpc.status; message: string }>;
}

export function callerOf(client: grpc.Client): Caller {
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;

  function call<T>(method: string, request: object): Promise<Outcome<T>> {
    return new Promise((resolve) => {
      let trailer = new grpc.Metadata();
      let answer: T | undefined;
      let failure: grpc.ServiceError | null = null;
      let pending = 2; // the callback and the status, in either order
      const settle = () =>
        --pending === 0 &&
        resolve({ answer, code: failure?.code ?? grpc.status.OK, message: failure?.details ?? '', trailer });
      const started = methods[method].call(
        client,
        request,
        { deadline: Date.now() + 10_000 },
        (error: grpc.ServiceError | null, response: T) => {
          failure = error;
          answer = response;
          settle();
        },
      ) as grpc.ClientUnaryCall;
      started.on('status', (status: grpc.StatusObject) => {
        trailer = status.metadata;
        settle();
      });
    });
  }

  return {
    call,
    async expectError(method, request, code, message) {
      const outcome = await call(method, request);
      expect(grpc.status[outcome.code], `${method} ${JSON.stringify(request).slice(0, 80)}`).to.equal(
        grpc.status[code],
      );
      if (typeof message === 'string') expect(outcome.message).to.equal(message);
      else expect(outcome.message).to.match(message);
      return outcome;
    },
    firstOf<T>(method: string, request: object, count: number, until?: (message: T) => boolean) {
      return new Promise<{ messages: T[]; code: grpc.status; message: string }>((resolve) => {
        const messages: T[] = [];
        let done = false;
        const stream = methods[method].call(client, request, {
          deadline: Date.now() + 10_000,
        }) as grpc.ClientReadableStream<T>;
        stream.on('data', (message: T) => {
          if (done) return;
          messages.push(message);
          done = messages.length === count || (until?.(message) ?? false);
          if (done) stream.cancel();
        });
        stream.on('error', () => {}); // the status says it
        stream.on('status', (status: grpc.StatusObject) =>
          resolve({ messages, code: done ? grpc.status.OK : status.code, message: done ? '' : status.details }),
        );
      });
    },
  };
}

/** Health says SERVING for the server and for `service`; reflection lists it with exactly `methods`. */
export function healthAndReflection(address: () => string, service: string, methods: string[]): void {
  describe('health and reflection', () => {
    it(`answers grpc.health.v1 Check: SERVING, for the server and for ${service}`, async () => {
      const health = new (loadContract().grpc.health.v1.Health)(address(), grpc.credentials.createInsecure());
      try {
        for (const name of ['', service]) {
          const answer = await new Promise<{ status: string }>((resolve, reject) =>
            health.check({ service: name }, { deadline: Date.now() + 5000 }, (error, reply) =>
              error ? reject(error) : resolve(reply as { status: string }),
            ),
          );
          expect(answer.status, `health of "${name}"`).to.equal('SERVING');
        }
      } finally {
        health.close();
      }
    });

    it(`describes itself over server reflection: ${service} and its ${methods.length} methods`, async () => {
      expect(await listServices(address())).to.include.members([service, 'grpc.health.v1.Health']);
      expect(Object.keys(await describeService(address(), service)).sort()).to.deep.equal([...methods].sort());
    });
  });
}
