// Caching at the gateway (tutorial lesson 13): user and product answers kept for CACHE_TTL_MS
// (answer-cache.ts). Plugged in by one line of app.ts, after authorization: a user who may not see
// an answer never gets it from the cache either. The cache itself is made once (../chapters.ts):
// an order forgets its product (a client interceptor), and a reset empties it (../index.ts).
import type { PlugPoints } from '../app';
import type { Clients } from '../conversion/clients';
import type { AnswerCache } from './answer-cache';

export { answerCache, type AnswerCache } from './answer-cache';

export function plugCache(plugs: PlugPoints, clients: Clients, cache: AnswerCache): void {
  // while it is on, the cache follows product-service's stock events
  cache.followStock((request) => clients.watch.stock(request));
  plugs.beforeRoutes.use('/api', cache.middleware);
}
