// The services' events at the gateway (tutorial lesson 18): GET /api/events, order-service's and
// product-service's gRPC server streams as one stream of Server-Sent Events (routes.ts). Plugged in
// by one line of app.ts; ../index.ts ends the open streams when the gateway stops.
import type { PlugPoints } from '../app';
import type { Clients } from '../conversion/clients';
import { eventRoutes } from './routes';

export { closeEventStreams } from './routes';

export function plugEvents(plugs: PlugPoints, clients: Clients): void {
  plugs.routes.use('/api/events', eventRoutes(clients));
}
