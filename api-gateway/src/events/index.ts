// The services' events at the gateway (tutorial lesson 18): GET /api/events, order-service's and
// product-service's gRPC server streams as one stream of Server-Sent Events (routes.ts). Plugged in
// by one line of app.ts; ../index.ts ends the open streams when the gateway stops. `rules`: how long
// a stream lasts and how many one client may hold, auth's (lesson 11), passed in by app.ts.
import type { PlugPoints } from '../app';
import type { Clients } from '../conversion/clients';
import { eventRoutes, type StreamRules } from './routes';

export { closeEventStreams } from './routes';

export function plugEvents(plugs: PlugPoints, clients: Clients, rules: StreamRules): void {
  plugs.routes.use('/api/events', eventRoutes(clients, rules));
}
