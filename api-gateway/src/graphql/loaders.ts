// The N+1 problem, and its answer (tutorial lesson 15). A query for 50 orders with their users
// resolves Order.user 50 times; calling GetUser each time would be 1 call for the list + 50 for
// the users, though the orders may come from 3 users. A DataLoader (the GraphQL project's own
// library) collects the ids asked for while the query runs, and calls once per *distinct* id:
// 1 ListOrders + 3 GetUser, all 3 at once. The trace of such a query shows exactly that.
//
// The loaders live for one request only (made in index.ts for each one): what they remember is
// never served to another request or another user, and a change is seen by the next request.
// The services have no "get many" RPC, so a batch is the distinct ids asked for in parallel.
import DataLoader from 'dataloader';
import type { Order__Output as Order } from '@sandbox/protos/generated/order/Order';
import type { Product__Output as Product } from '@sandbox/protos/generated/product/Product';
import type { User__Output as User } from '@sandbox/protos/generated/user/User';
import type { Clients } from '../conversion/clients';

export interface OrdersOf {
  userId: string;
  pageSize: number;
  pageToken: string;
}

export interface Loaders {
  users: DataLoader<string, User>;
  products: DataLoader<string, Product>;
  ordersOf: DataLoader<OrdersOf, { items: Order[]; nextPageToken: string }, string>;
}

// each id once, all at the same time; a failure fails only the fields that asked for that id
function eachAtOnce<Key, Value>(get: (key: Key) => Promise<Value>) {
  return (keys: readonly Key[]) => Promise.all(keys.map((key) => get(key).catch((error: Error) => error)));
}

export function createLoaders(clients: Clients): Loaders {
  return {
    users: new DataLoader(eachAtOnce((id: string) => clients.users.GetUser({ id }))),
    products: new DataLoader(eachAtOnce((id: string) => clients.products.GetProduct({ id }))),
    ordersOf: new DataLoader(
      eachAtOnce(async (request: OrdersOf) => {
        const { orders, nextPageToken } = await clients.orders.ListOrders(request);
        return { items: orders, nextPageToken };
      }),
      { cacheKeyFn: (request) => JSON.stringify([request.userId, request.pageSize, request.pageToken]) },
    ),
  };
}
