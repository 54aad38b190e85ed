// Caching (tutorial lesson 13): with CACHE_TTL_MS, the answers of GET /api/users/:id and
// GET /api/products/:id are kept at the gateway for that long. A second GET is answered from the
// cache (x-cache: HIT) without any gRPC call; the first, or one after the time is up, is a MISS.
// A change made through the gateway (PUT, PATCH, DELETE) removes the entry at once. A change made
// behind the gateway's back, straight to the service over gRPC, is not seen until the entry
// expires: that is what a cache trades for its speed. Stock is the exception: orders change it all
// the time (lesson 16), so an order made through the gateway forgets its product at once
// (clientInterceptor), and while the cache is on the gateway follows product-service's stock events
// (lesson 18) and forgets each product they name: the units of a cancelled order, which
// product-service gives back a moment after the cancel, or a reservation that expired.
// The entries are an lru-cache, bounded in number, so a class asking for thousands of ids cannot
// fill the gateway's memory.
import * as grpc from '@grpc/grpc-js';
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Switches } from '../settings/switches';

// the routes whose answers are kept: /api/users/1, /api/products/1
const CACHED = /^\/api\/(users|products)\/([^/]+)\/?$/i;
const MAX_ENTRIES = 1000;

// the calls whose answer is an order whose product's stock just changed
const CHANGES_STOCK = /\/order\.OrderService\/(CreateOrder|CancelOrder)$/;

// product-service's WatchStock, as the gateway's clients call it (../conversion/clients.ts)
type WatchStock = (request: { afterSequence: number; follow: boolean }) => grpc.ClientReadableStream<StockEvent>;
interface StockEvent {
  productId: string;
  at: string; // when the stock changed (ISO 8601)
}

// an answer kept, and when it was asked for: a stock event from before then is in it already
interface Entry {
  body: string;
  askedAt: number;
}
const FOLLOW_AGAIN_MS = 1000; // after the stream broke (product-service restarted, say)

export interface AnswerCache {
  middleware: RequestHandler;
  clientInterceptor: grpc.Interceptor; // around the gateway's gRPC calls: an order forgets its product
  followStock(watch: WatchStock): void; // how the cache hears of stock changes, while it is on
  clear(): void;
}

export function answerCache(switches: Switches): AnswerCache {
  let ttlMs = 0;
  let entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: 1 });
  let watch: WatchStock | undefined;
  let stockEvents: grpc.ClientReadableStream<StockEvent> | undefined;

  // while the cache is on: each stock event forgets its product, unless the answer kept was asked
  // for after the change (the events kept from before come first); a broken stream is followed again
  function followStockEvents(): void {
    if (!watch || ttlMs === 0 || stockEvents) return;
    const stream = watch({ afterSequence: 0, follow: true });
    stockEvents = stream;
    stream.on('data', (event: StockEvent) => {
      const key = `products/${event.productId}`;
      const kept = entries.peek(key);
      if (kept && Date.parse(event.at) >= kept.askedAt) entries.delete(key);
    });
    stream.on('error', () => undefined); // ended below; a cancel is ours (the cache was switched off)
    stream.on('close', () => {
      if (stockEvents === stream) stockEvents = undefined;
      if (ttlMs > 0) setTimeout(followStockEvents, FOLLOW_AGAIN_MS).unref();
    });
  }

  const middleware: RequestHandler = (req, res, next) => {
    if (switches.cacheTtlMs !== ttlMs) {
      // a new setting starts with an empty cache
      ttlMs = switches.cacheTtlMs;
      entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: Math.max(ttlMs, 1) });
      if (ttlMs === 0) stockEvents?.cancel();
      else followStockEvents();
    }
    const key = keyOf(req.baseUrl + req.path);
    if (ttlMs === 0 || key === undefined) return next();
    const cache = entries;

    if (req.method === 'GET' || req.method === 'HEAD') {
      // exercise cache ▼
      const kept = cache.get(key);
      if (kept !== undefined) {
        res.setHeader('x-cache', 'HIT');
        return void res.type('application/json').send(kept.body); // no gRPC call at all
      }
      // exercise cache ▲
      res.setHeader('x-cache', 'MISS');
      // keep the answer the route sends, if it is a success
      const askedAt = Date.now();
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode === 200) cache.set(key, { body: JSON.stringify(body), askedAt });
        return json(body);
      };
      return next();
    }
    // a change through the gateway: forget the entry now, and again once the change is done, in
    // case a GET that started before the change kept the old answer meanwhile
    cache.delete(key);
    res.once('finish', () => cache.delete(key));
    return next();
  };

  const clientInterceptor: grpc.Interceptor = (options, nextCall) => {
    if (ttlMs === 0 || !CHANGES_STOCK.test(options.method_definition.path))
      return new grpc.InterceptingCall(nextCall(options));
    return new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        next(metadata, {
          onReceiveMessage(order: { productId?: string }, nextMessage) {
            if (order?.productId) entries.delete(`products/${order.productId}`);
            nextMessage(order);
          },
        });
      },
    });
  };

  return {
    middleware,
    clientInterceptor,
    followStock(watchStock) {
      watch = watchStock;
      followStockEvents();
    },
    clear: () => entries.clear(),
  };
}

// "/api/Users/1/" and "/api/users/%31" are the same answer: one key, "users/1"
function keyOf(path: string): string | undefined {
  const match = CACHED.exec(path);
  if (!match) return undefined;
  try {
    return `${match[1].toLowerCase()}/${decodeURIComponent(match[2])}`;
  } catch {
    return undefined; // a broken %-escape: the route answers 400
  }
}
