// The GraphQL schema (tutorial lesson 15): the same users, products and orders as the REST routes,
// as one graph. A client asks for exactly the fields it wants, across services, in one request:
//   { order(id: "1") { totalPrice user { name } product { name price } } }
// Each field that lives in another service is resolved by a gRPC call, below: Order.user asks
// user-service, Order.product product-service, User.orders order-service. The calls go through
// the request's loaders (loaders.ts), so a user asked for 50 times is looked up once.
import { buildSchema, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import * as grpc from '@grpc/grpc-js';
import { GrpcError, stepMetadata } from '@sandbox/protos';
import type { Order__Output as Order } from '@sandbox/protos/generated/order/Order';
import type { User__Output as User } from '@sandbox/protos/generated/user/User';
import type { Clients } from '../conversion/clients';
import { schemas, validateArgs } from '../conversion/validation';
import { refusalFor, type Action } from '../future/auth';
import type { Identity } from '../future/tokens';
import type { Loaders } from './loaders';

export const TYPE_DEFS = /* GraphQL */ `
  "A user (user-service, port 50051)."
  type User {
    id: ID!
    name: String!
    email: String!
    "Their orders, a page at a time (order-service ListOrders). Null, with an error, if that failed."
    orders(pageSize: Int, pageToken: String): OrderPage
  }

  "A product (product-service, port 50052)."
  type Product {
    id: ID!
    name: String!
    description: String!
    price: Float!
    "Units that can be ordered now (lesson 16)."
    stock: Int!
  }

  "An order (order-service, port 50053). user and product are asked of their own services."
  type Order {
    id: ID!
    userId: ID!
    productId: ID!
    quantity: Int!
    "price × quantity, worked out by order-service when the order was made (DIAGRAM step 5)"
    totalPrice: Float!
    createdAt: String!
    "Where the order is in its life (lesson 17): the diagram's order is CONFIRMED."
    status: OrderStatus!
    "Only when FAILED: why."
    failureReason: String
    "The user now, from user-service: null, with an error, if they have been deleted since."
    user: User
    "The product now, from product-service: its price may have changed since the order."
    product: Product
  }

  enum OrderStatus { PENDING PRODUCT_RESERVED PAID CONFIRMED FAILED CANCELLED }

  "Lists come a page at a time: pass nextPageToken back as pageToken for the next; empty means the last."
  type UserPage { items: [User!]!, nextPageToken: String! }
  type ProductPage { items: [Product!]!, nextPageToken: String! }
  type OrderPage { items: [Order!]!, nextPageToken: String! }

  "Every field may be null, with an error that names it: one failing service spoils only its part."
  type Query {
    user(id: ID!): User
    users(pageSize: Int, pageToken: String): UserPage
    product(id: ID!): Product
    "query: products whose name contains it, as GET /api/products?query=lap"
    products(query: String, pageSize: Int, pageToken: String): ProductPage
    order(id: ID!): Order
    orders(userId: ID, pageSize: Int, pageToken: String): OrderPage
  }

  type Mutation {
    createUser(name: String!, email: String!, password: String): User!
    createProduct(name: String!, description: String, price: Float!, stock: Int): Product!
    "The diagram's order: createOrder(userId: \\"1\\", productId: \\"1\\", quantity: 2) costs 2000."
    createOrder(userId: ID!, productId: ID!, quantity: Int!): Order!
    "A CONFIRMED order becomes CANCELLED, as POST /api/orders/{id}/cancel (lesson 17)."
    cancelOrder(id: ID!): Order!
  }
`;

/** What every resolver of one request shares: its loaders, and who is asking (lesson 11). */
// (a type, not an interface: graphql-http wants a context it can index)
export type Context = {
  loaders: Loaders;
  user: Identity | undefined;
};

type Resolver = GraphQLFieldResolver<unknown, Context, Record<string, unknown>>;
type Args = Record<string, unknown>;

// a list's paging arguments, as the services want them (0 and "": the defaults)
function page(args: Args): { pageSize: number; pageToken: string } {
  return { pageSize: (args.pageSize as number | null) ?? 0, pageToken: (args.pageToken as string | null) ?? '' };
}

/** A mutation is refused before any call, like its REST route (future/auth.ts), when the user may not. */
function mayDo(context: Context, action: Action): void {
  const refusal = context.user && refusalFor(context.user, action);
  if (refusal) throw new GrpcError(grpc.status.PERMISSION_DENIED, refusal);
}

export function resolvers(clients: Clients): Record<string, Record<string, Resolver>> {
  return {
    Query: {
      user: (_, { id }, { loaders }) => loaders.users.load(id as string),
      product: (_, { id }, { loaders }) => loaders.products.load(id as string),
      order: (_, { id }) => clients.orders.GetOrder({ id: id as string }),
      users: async (_, args, { loaders }) => {
        const { users, nextPageToken } = await clients.users.ListUsers(page(args));
        for (const user of users) loaders.users.prime(user.id, user); // known now: no GetUser for them later
        return { items: users, nextPageToken };
      },
      products: async (_, args, { loaders }) => {
        const { products, nextPageToken } = await clients.products.ListProducts({ query: (args.query as string | null) ?? '', ...page(args) });
        for (const product of products) loaders.products.prime(product.id, product);
        return { items: products, nextPageToken };
      },
      orders: async (_, args) => {
        const { orders, nextPageToken } = await clients.orders.ListOrders({ userId: (args.userId as string | null) ?? '', ...page(args) });
        return { items: orders, nextPageToken };
      },
    },
    Mutation: {
      // the same rules as POST /api/users, /api/products and /api/orders, before any call
      createUser: (_, args) => clients.users.CreateUser(validateArgs(schemas.user, args)),
      createProduct: (_, args, context) => {
        const product = validateArgs(schemas.product, args);
        mayDo(context, { resource: 'products', change: true });
        return clients.products.CreateProduct(product);
      },
      createOrder: (_, args, context) => {
        const order = validateArgs(schemas.order, args);
        mayDo(context, { resource: 'orders', change: true, orderFor: order.userId });
        // DIAGRAM step 2, as POST /api/orders makes it; steps 3–7 happen in order-service
        return clients.orders.CreateOrder(order, {}, stepMetadata('2', '2–7'));
      },
      cancelOrder: async (_, { id }, context) => {
        if (context.user) {
          const { userId } = await clients.orders.GetOrder({ id: id as string });
          mayDo(context, { resource: 'orders', change: true, cancelFor: userId });
        }
        return clients.orders.CancelOrder({ id: id as string });
      },
    },
    // the fields that cross to another service: one call per distinct id, per request (loaders.ts)
    Order: {
      user: (order, _, { loaders }) => loaders.users.load((order as Order).userId),
      product: (order, _, { loaders }) => loaders.products.load((order as Order).productId),
    },
    User: {
      orders: async (user, args, { loaders }) => loaders.ordersOf.load({ userId: (user as User).id, ...page(args) }),
    },
  };
}

/** The schema from TYPE_DEFS, with each resolver put on its field. */
export function graphqlSchema(clients: Clients): GraphQLSchema {
  const schema = buildSchema(TYPE_DEFS);
  for (const [typeName, fields] of Object.entries(resolvers(clients))) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`the schema has no type ${typeName}`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`the schema has no field ${typeName}.${fieldName}`);
      field.resolve = resolve;
    }
  }
  return schema;
}
