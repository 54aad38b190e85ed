// GET /api/events → order-service's WatchOrders and product-service's WatchStock (lesson 18): two
// gRPC server streams, merged into one stream of Server-Sent Events, the browser's way of
// receiving events over plain HTTP (https://html.spec.whatwg.org/multipage/server-sent-events.html):
//
//   id: 12.40                      where the client is: order-service's event 12, product-service's 40
//   event: order.confirmed
//   data: {"sequence":12,"type":"order.confirmed","at":"…","order":{…}}
//
// Resume: ?after=12.40, or the Last-Event-ID header an EventSource sends when it reconnects.
// ?follow=false: the events kept so far, then the end (for curl, scripts and Postman).
// ?userId=1: only the events of user 1's orders (and all of the stock's); a logged-in user gets
// their own only, whatever they ask (lesson 11: ../auth/policy.ts).
// A client that stops reading stops the gRPC streams behind it (pause), so nothing piles up at
// the gateway; the services then stop writing to it (../../../events/src/index.ts).
// A stream lasts as long as its token (lesson 11): once it is no longer good, a last event says
// why, and the stream ends.
import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import * as grpc from '@grpc/grpc-js';
import { Router, type Request, type Response } from 'express';
import { GrpcError, toSafeError } from '@sandbox/protos';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { validateQuery, ValidationError } from '../conversion/validation';
import { eventsQuery } from './schemas';

// each open stream holds two gRPC streams: a class's tabs, not a crowd's; and one client (a user, or
// another machine: ../auth/streams.ts) holds a few of them, not the class's
export const EVENT_STREAMS_MAX = 100;
export const EVENT_STREAMS_PER_CLIENT = 10;
const KEEP_ALIVE_MS = 15_000; // a comment line now and then: proxies drop connections that look idle
const POSITION = /^(\d{1,9})\.(\d{1,9})$/;

// each open stream: what closes it, and whose it is
const open = new Map<() => void, string | undefined>();

/** Ends every open stream: the gateway is stopping, or AUTH changed (../index.ts); these never end by themselves. */
export function closeEventStreams(): void {
  for (const close of [...open.keys()]) close();
}

/** What auth (lesson 11) says of a stream's client; app.ts passes it in (../auth/streams.ts). */
export interface StreamRules {
  ownerOf(req: Request, res: Response): string | undefined; // "user 1": whose streams count together
  watch(res: Response, end: (reason: string) => void): () => void; // ends the stream with its token
}

const streamsOf = (owner: string) => [...open.values()].filter((each) => each === owner).length;

type Upstream = ClientReadableStream<{ sequence: number; type: string }>;

export function eventRoutes(clients: Clients, rules: StreamRules): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      const query = validateQuery(eventsQuery, req.query);
      const lastEventId = req.get('last-event-id');
      if (query.after === undefined && lastEventId !== undefined && !POSITION.test(lastEventId)) {
        throw new ValidationError(
          `the Last-Event-ID header must be the id of an event from this stream, such as "12.40"; not ${JSON.stringify(lastEventId.slice(0, 40))}`,
          'Last-Event-ID',
        );
      }
      // the stream is counted from now, before any wait, and given back however it ends: the client
      // hangs up (even before the services have answered), a service fails, or both have ended
      if (open.size >= EVENT_STREAMS_MAX) {
        throw new GrpcError(
          grpc.status.RESOURCE_EXHAUSTED,
          `${EVENT_STREAMS_MAX} event streams are open already; close one (a browser tab) and try again`,
        );
      }
      const owner = rules.ownerOf(req, res);
      if (owner !== undefined && streamsOf(owner) >= EVENT_STREAMS_PER_CLIENT) {
        throw new GrpcError(
          grpc.status.RESOURCE_EXHAUSTED,
          `${EVENT_STREAMS_PER_CLIENT} event streams are open already for ${owner}, as many as one client may have; close one (a browser tab) and try again`,
        );
      }
      let upstreams: Watched[] = [];
      let keepAlive: NodeJS.Timeout | undefined;
      let stopWatching = () => undefined as void;
      // the place and the gRPC streams given back; the answer, if it has begun, ended
      const close = () => {
        if (!open.delete(close)) return; // closed already
        clearInterval(keepAlive);
        stopWatching();
        for (const upstream of upstreams) upstream.stream.cancel();
        if (res.headersSent && !res.writableEnded) res.end();
      };
      open.set(close, owner);
      res.once('close', close);
      if (req.socket.destroyed) return close(); // gone before we were listening: call nobody

      const [, orders, stock] = POSITION.exec(query.after ?? lastEventId ?? '0.0') ?? [];
      const position = { orders: Number(orders), stock: Number(stock) };
      const follow = query.follow !== 'false';
      // an EventSource reconnecting to a service that restarted (its events begin at 1 again) starts
      // over; a sequence from the future that a person typed (?after=) is their mistake, and a 400
      const startOver = query.after === undefined;

      const orderEvents = watched(
        () => clients.watch.orders({ afterSequence: position.orders, follow }) as Upstream,
        startOver,
        () => (position.orders = 0),
      );
      const stockEvents = watched(
        () => clients.watch.stock({ afterSequence: position.stock, follow }) as Upstream,
        startOver,
        () => (position.stock = 0),
      );
      upstreams = [orderEvents, stockEvents];
      const openedOr = (upstream: Watched, service: string) =>
        upstream.opened.catch((error: unknown) => Promise.reject(toSafeError(error, service)));
      try {
        await Promise.all([openedOr(orderEvents, 'order-service'), openedOr(stockEvents, 'product-service')]);
      } catch (error) {
        close();
        throw error; // a JSON error, as for any request (../conversion/errors.ts)
      }
      if (!open.has(close)) return undefined; // the client hung up while the services answered

      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n'); // an EventSource reconnects 2 s after the stream breaks
      let ended = 0;
      keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS).unref();
      const endWith = (code: string, message: string) => {
        res.write(`event: stream.ended\ndata: ${JSON.stringify({ code, message })}\n\n`);
        close();
      };
      // the token's user deleted or replaced, or the token expired: no more of anyone's events
      stopWatching = rules.watch(res, (reason) => endWith('UNAUTHENTICATED', reason));

      const relay = (upstream: Watched, service: 'orders' | 'stock', serviceName: string) => {
        upstream.stream.on('data', (event: { sequence: number; type: string; order?: { userId: string } }) => {
          position[service] = event.sequence;
          // ?userId=1: the events of user 1's orders only (and every product's stock)
          if (query.userId !== undefined && event.order && event.order.userId !== query.userId) return;
          const written = res.write(
            `id: ${position.orders}.${position.stock}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
          );
          if (!written) {
            // the client is not keeping up: stop reading until it has taken what was written
            for (const each of upstreams) each.stream.pause();
            res.once('drain', () => upstreams.forEach((each) => each.stream.resume()));
          }
        });
        upstream.onError((error) => {
          if (res.writableEnded) return; // we hung up: close() above
          const safe = toSafeError(error, serviceName);
          endWith(grpc.status[safe.code], safe.details);
        });
        upstream.stream.on('end', () => {
          ended += 1;
          if (ended === upstreams.length) close(); // follow=false: both have sent what they keep
        });
      };
      relay(orderEvents, 'orders', 'order-service');
      relay(stockEvents, 'stock', 'product-service');
      return undefined;
    })
    .all(methodNotAllowed(['GET']));

  return router;
}

interface Watched {
  stream: Upstream;
  opened: Promise<void>; // the service answered with its headers: the stream is open
  onError(handle: (error: ServiceError) => void): void; // an error now, or one that came already
}

/**
 * Calls, and knows when the service first answers: its headers (the stream is open; the service
 * sends them at once) or its error (a sequence from the future, the service down). So a refusal is
 * a JSON 4xx or 5xx, not an event stream that ends at once. `startOver`: a sequence from the future
 * means a restarted service: call again from the beginning.
 */
function watched(call: () => Upstream, startOver: boolean, fromStart: () => void): Watched {
  let failure: ServiceError | undefined;
  let handler: ((error: ServiceError) => void) | undefined;
  let settle: { resolve: () => void; reject: (error: ServiceError) => void };
  const opened = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  opened.catch(() => undefined); // rejections are read by the route's try
  const watchedCall: Watched = {
    stream: undefined as unknown as Upstream,
    opened,
    onError(handle) {
      handler = handle;
      if (failure) handle(failure);
    },
  };
  const begin = (again: boolean) => {
    const stream = call();
    watchedCall.stream = stream;
    stream.once('metadata', () => settle.resolve());
    stream.on('error', (error: ServiceError) => {
      if (error.code === grpc.status.CANCELLED) return; // we hung up
      if (!again && startOver && error.code === grpc.status.OUT_OF_RANGE && /in the future/.test(error.details)) {
        fromStart();
        return begin(true);
      }
      failure = error;
      settle.reject(error);
      handler?.(error);
    });
  };
  begin(false);
  return watchedCall;
}
