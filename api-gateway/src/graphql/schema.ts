// The GraphQL schema (tutorial lesson 15): the same users, products and orders as the REST routes,
// as one graph. A client asks for exactly the fields it wants, across services, in one request:
//   { order(id: "1") { totalPrice user { name } product { name price } } }
// Each field that lives in another service is resolved by a gRPC call, below: Order.user asks
// user-service, Order.product product-service, User.orders order-service. The calls go through
// the request's loaders (loaders.ts), so a user asked for 50 times is looked up once.
import { buildSchema, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { stepMetadata } from '@sandbox/protos';
import type { Order__Output as Order } from '@sandbox/protos/generated/order/Order';
import type { User__Output as User } from '@sandbox/protos/generated/user/User';
import type { Clients } from '../conversion/clients';
import { schemas, validateValues, type Validator } from '../conversion/validation';
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

  enum OrderStatus {
    PENDING
    PRODUCT_RESERVED
    PAID
    CONFIRMED
    FAILED
    CANCELLED
  }

  "Lists come a page at a time: pass nextPageToken back as pageToken for the next; empty means the last."
  type UserPage {
    items: [User!]!
    nextPageToken: String!
  }
  type ProductPage {
    items: [Product!]!
    nextPageToken: String!
  }
  type OrderPage {
    items: [Order!]!
    nextPageToken: String!
  }

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

/**
 * What the request's user may see and do: the gateway's rules (lesson 11, ../auth/policy.ts), the
 * same as REST's. Each throws PERMISSION_DENIED, with the reason, when they may not.
 */
export interface Access {
  seesEverything: boolean; // the admin, or nobody logged in while AUTH=off
  readUser(id: string): void;
  readOrdersOf(userId: string): void;
  readOrder(order: Order): void;
  ordersOf(asked: string): string; // whose orders a list shows: a user's, their own
  seesUser(user: User): boolean;
  changeProducts(): void;
  orderFor(userId: string): void;
  cancelOrder(order: Order): void;
}

/** What every resolver of one request shares: its loaders, and what its user may do. */
// (a type, not an interface: graphql-http wants a context it can index)
export type Context = {
  loaders: Loaders;
  access: Access;
};

type Resolver = GraphQLFieldResolver<unknown, Context, Record<string, unknown>>;
type Args = Record<string, unknown>;

/** Checks a mutation's arguments with the same schema as the REST body (../conversion/validation.ts). */
function validateArgs<T>(validate: Validator<T>, args: object): T {
  // GraphQL leaves an optional argument out, or sends null for it: both mean "not given"
  const given = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));
  return validateValues(validate, given, 'argument');
}

// a list's paging arguments, as the services want them (0 and "": the defaults)
function page(args: Args): { pageSize: number; pageToken: string } {
  return { pageSize: (args.pageSize as number | null) ?? 0, pageToken: (args.pageToken as string | null) ?? '' };
}

export function resolvers(clients: Clients): Record<string, Record<string, Resolver>> {
  return {
    // each field asks the user's access first, as its REST route does: a user sees only their own
    Query: {
      user: (_, { id }, { loaders, access }) => {
        access.readUser(id as string);
        return loaders.users.load(id as string);
      },
      product: (_, { id }, { loaders }) => loaders.products.load(id as string),
      order: async (_, { id }, { access }) => {
        const order = await clients.orders.GetOrder({ id: id as string });
        access.readOrder(order);
        return order;
      },
      users: async (_, args, { loaders, access }) => {
        const { users, nextPageToken } = await clients.users.ListUsers(page(args));
        const visible = users.filter((user) => access.seesUser(user));
        for (const user of visible) loaders.users.prime(user.id, user); // known now: no GetUser for them later
        return { items: visible, nextPageToken };
      },
      products: async (_, args, { loaders }) => {
        const { products, nextPageToken } = await clients.products.ListProducts({
          query: (args.query as string | null) ?? '',
          ...page(args),
        });
        for (const product of products) loaders.products.prime(product.id, product);
        return { items: products, nextPageToken };
      },
      orders: async (_, args, { access }) => {
        const userId = access.ordersOf((args.userId as string | null) ?? '');
        const { orders, nextPageToken } = await clients.orders.ListOrders({ userId, ...page(args) });
        return { items: orders, nextPageToken };
      },
    },
    Mutation: {
      // the same rules as POST /api/users, /api/products and /api/orders, before any call
      createUser: (_, args) => clients.users.CreateUser(validateArgs(schemas.user, args)),
      createProduct: (_, args, { access }) => {
        const product = validateArgs(schemas.product, args);
        access.changeProducts();
        return clients.products.CreateProduct(product);
      },
      createOrder: (_, args, { access }) => {
        const order = validateArgs(schemas.order, args);
        access.orderFor(order.userId);
        // DIAGRAM step 2, as POST /api/orders makes it; steps 3–7 happen in order-service
        return clients.orders.CreateOrder(order, {}, stepMetadata('2', '2–7'));
      },
      cancelOrder: async (_, { id }, { access }) => {
        // whose order is it? Only someone who may not cancel every order needs to ask
        if (!access.seesEverything) access.cancelOrder(await clients.orders.GetOrder({ id: id as string }));
        return clients.orders.CancelOrder({ id: id as string });
      },
    },
    // the fields that cross to another service: one call per distinct id, per request (loaders.ts)
    Order: {
      user: (order, _, { loaders, access }) => {
        access.readUser((order as Order).userId);
        return loaders.users.load((order as Order).userId);
      },
      product: (order, _, { loaders }) => loaders.products.load((order as Order).productId),
    },
    User: {
      orders: async (user, args, { loaders, access }) => {
        access.readOrdersOf((user as User).id);
        return loaders.ordersOf.load({ userId: (user as User).id, ...page(args) });
      },
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
