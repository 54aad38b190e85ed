// Response aggregation (DIAGRAM: "Response aggregation", tutorial lesson 14): answers the gateway
// builds from several services at once. Plugged in by one line of app.ts. GET /api/orders/:id?expand
// is the orders route's own (../routing/orders.ts), with its parts from order-parts.ts.
import type { PlugPoints } from '../app';
import type { Clients } from '../conversion/clients';
import { userOrdersRoutes } from './users-orders';

export function plugAggregation(plugs: PlugPoints, clients: Clients): void {
  plugs.routes.use('/api', userOrdersRoutes(clients));
}
