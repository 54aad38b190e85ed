// Caching (tutorial lesson 13): with CACHE_TTL_MS, the answers of GET /api/users/:id and
// GET /api/products/:id are kept at the gateway for that long. A second GET is answered from the
// cache (x-cache: HIT) without any gRPC call; the first, or one after the time is up, is a MISS.
// A change made through the gateway (PUT, PATCH, DELETE) removes the entry at once. A change made
// behind the gateway's back, straight to the service over gRPC, is not seen until the entry
// expires: that is what a cache trades for its speed. The entries are an lru-cache, bounded in
// number, so a class asking for thousands of ids cannot fill the gateway's memory.
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Switches } from './switches';

// the routes whose answers are kept: /api/users/1, /api/products/1
const CACHED = /^\/api\/(users|products)\/([^/]+)\/?$/i;
const MAX_ENTRIES = 1000;

export interface AnswerCache {
  middleware: RequestHandler;
  clear(): void;
}

export function answerCache(switches: Switches): AnswerCache {
  let ttlMs = 0;
  let entries = new LRUCache<string, string>({ max: MAX_ENTRIES, ttl: 1 });

  const middleware: RequestHandler = (req, res, next) => {
    if (switches.cacheTtlMs !== ttlMs) {
      // a new setting starts with an empty cache
      ttlMs = switches.cacheTtlMs;
      entries = new LRUCache<string, string>({ max: MAX_ENTRIES, ttl: Math.max(ttlMs, 1) });
    }
    const key = keyOf(req.baseUrl + req.path);
    if (ttlMs === 0 || key === undefined) return next();
    const cache = entries;

    if (req.method === 'GET' || req.method === 'HEAD') {
      const kept = cache.get(key);
      if (kept !== undefined) {
        res.setHeader('x-cache', 'HIT');
        return void res.type('application/json').send(kept); // no gRPC call at all
      }
      res.setHeader('x-cache', 'MISS');
      // keep the answer the route sends, if it is a success
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode === 200) cache.set(key, JSON.stringify(body));
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

  return { middleware, clear: () => entries.clear() };
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
