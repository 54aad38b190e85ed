// GET /api/orders/:id?expand=user,product → the order with its user and product embedded, in one
// answer (DIAGRAM: "Response aggregation"). Without it a client asks three times: the order, then
// its user and its product. Here the gateway asks for the order, then for both parts at once.
//
// All or nothing, like GET /api/users/:id/orders: if a part cannot be fetched (its service is down,
// or the user has been deleted since), the whole answer fails and says why.
import type { Order__Output as Order } from '@sandbox/protos/generated/order/Order';
import type { Product__Output as Product } from '@sandbox/protos/generated/product/Product';
import type { User__Output as User } from '@sandbox/protos/generated/user/User';
import type { Clients } from '../conversion/clients';

export interface OrderWithParts extends Order {
  user?: User;
  product?: Product;
}

/** `expand`: "user", "product" or "user,product" (checked by schemas.orderExpand). */
export async function withParts(clients: Clients, order: Order, expand: string): Promise<OrderWithParts> {
  const wanted = new Set(expand.split(','));
  // both calls start now, in parallel; Promise.all fails as soon as either does
  const [user, product] = await Promise.all([
    wanted.has('user') ? clients.users.GetUser({ id: order.userId }) : undefined,
    wanted.has('product') ? clients.products.GetProduct({ id: order.productId }) : undefined,
  ]);
  return { ...order, ...(user ? { user } : {}), ...(product ? { product } : {}) };
}
