// Who may do what (tutorial lesson 11): every rule of the gateway's authorization, in one place.
//   - Without a token, AUTH=off lets a request through and AUTH=required does not (401), except
//     to log in and to sign up.
//   - With a token, the rules below apply whatever AUTH says: the admin may do everything; a user
//     reads and changes only their own user and orders, orders only for themselves, reads the
//     products and changes none. Lists show a user only what is theirs.
// REST asks these rules route by route (ROUTES, checked by middleware.ts on the route the request
// matches, whatever the spelling of its path); GraphQL asks them field by field (graphql/schema.ts,
// through `access` in its context). Both refuse with the same words.
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import type { Identity } from './tokens';

/** What one request's user may do. `user` undefined: no token (and so, AUTH=off). */
export class Access {
  constructor(readonly user: Identity | undefined) {}

  /** The admin, or nobody logged in (AUTH=off): every record is theirs to see and change. */
  get seesEverything(): boolean {
    return this.user === undefined || this.user.role === 'admin';
  }

  readUser(id: string): void {
    if (!this.seesEverything && id !== this.user?.id)
      refuse(`you can read only your own user (${this.user?.id}), not user ${id}`);
  }

  readOrdersOf(userId: string): void {
    if (!this.seesEverything && userId !== this.user?.id)
      refuse(`you are user ${this.user?.id} and can read only your own orders, not user ${userId}'s`);
  }

  changeUser(id: string): void {
    if (!this.seesEverything && id !== this.user?.id)
      refuse(`you can change only your own user (${this.user?.id}), not user ${id}`);
  }

  changeProducts(): void {
    const { user } = this;
    if (user && user.role !== 'admin')
      refuse(`only an admin can change products; you are logged in as ${user.name} (user ${user.id})`);
  }

  orderFor(userId: string): void {
    if (!this.seesEverything && userId !== this.user?.id)
      refuse(`you are user ${this.user?.id} and cannot order for user ${userId}`);
  }

  // an order's owner is not named: who ordered what is not the asker's to learn
  readOrder(order: { id: string; userId: string }): void {
    if (!this.seesEverything && order.userId !== this.user?.id)
      refuse(`you are user ${this.user?.id} and cannot read order ${order.id}, which is not yours`);
  }

  cancelOrder(order: { id: string; userId: string }): void {
    if (!this.seesEverything && order.userId !== this.user?.id)
      refuse(`you are user ${this.user?.id} and cannot cancel order ${order.id}, which is not yours`);
  }

  /** Whose orders a list shows: `asked` ("" for everyone's) if they may see them; a user, only theirs. */
  ordersOf(asked: string): string {
    if (this.seesEverything) return asked;
    const own = this.user?.id as string;
    if (asked !== '' && asked !== own)
      refuse(`you are user ${own} and can read only your own orders, not user ${asked}'s`);
    return own;
  }

  /** Whether a list shows this user: a user sees themselves only. */
  seesUser(user: { id: string }): boolean {
    return this.seesEverything || user.id === this.user?.id;
  }
}

function refuse(why: string): never {
  throw new GrpcError(grpc.status.PERMISSION_DENIED, why);
}

/** What a rule may look up before it decides: whose order is this? */
export interface Lookups {
  orderOwner(id: string): Promise<{ id: string; userId: string }>;
}

/** A request as a rule sees it, after Express matched its route: params decoded, body parsed. */
export interface RuleRequest {
  params: Record<string, string>;
  body: Record<string, unknown> | undefined;
  query: Record<string, unknown>;
}

/** How a rule narrows what a user asked for: their own orders only, or only their own user in a list. */
export interface Narrowing {
  query?: Record<string, string>; // query parameters set for them: GET /api/orders → ?userId=1
  answer?: (body: unknown) => unknown; // the answer, filtered
}

export type Rule =
  'public' | ((access: Access, request: RuleRequest, lookups: Lookups) => void | Narrowing | Promise<void | Narrowing>);

const anyUser = () => undefined; // any user with a token (with AUTH=off, anyone)

// ?userId= as the user may ask it: a user's list is their own orders, whatever they asked
function ownOrders(access: Access, query: Record<string, unknown>): Narrowing | undefined {
  const asked = typeof query.userId === 'string' ? query.userId : '';
  const userId = access.ordersOf(asked);
  return userId === asked ? undefined : { query: { userId } };
}

// GET /api/users answers a page of users: a user's shows themselves only
interface UserList {
  users: Array<{ id: string }>;
}
const seenUsers = (access: Access, page: UserList) => ({
  ...page,
  users: page.users.filter((u) => access.seesUser(u)),
});

/**
 * Every route of the REST API, and who may call it. A route missing here meets no rule: with
 * AUTH=required a request without a token is refused (401, middleware.ts), but any valid token
 * reaches the route, whoever holds it. So every route must be here: api-gateway/test/policy.test.ts
 * checks that each route of the OpenAPI description (../openapi/document.ts) has its rule.
 */
export const ROUTES: Record<string, Rule> = {
  // how one gets a token, and an account (with AUTH=required, sign-up needs a password: middleware.ts)
  'POST /api/auth/login': 'public',
  'POST /api/users': 'public',
  'GET /api/auth/me': anyUser,

  // users: each their own; the admin, all
  'GET /api/users': (access) => ({ answer: (page) => seenUsers(access, page as UserList) }),
  'GET /api/users/:id': (access, { params }) => access.readUser(params.id),
  'PUT /api/users/:id': (access, { params }) => access.changeUser(params.id),
  'PATCH /api/users/:id': (access, { params }) => access.changeUser(params.id),
  'DELETE /api/users/:id': (access, { params }) => access.changeUser(params.id),
  'GET /api/users/:id/orders': (access, { params }) => access.readOrdersOf(params.id),

  // products: everyone reads them, the admin changes them
  'GET /api/products': anyUser,
  'GET /api/products/:id': anyUser,
  'POST /api/products': (access) => access.changeProducts(),
  'PUT /api/products/:id': (access) => access.changeProducts(),
  'PATCH /api/products/:id': (access) => access.changeProducts(),
  'DELETE /api/products/:id': (access) => access.changeProducts(),

  // orders: each their own; the admin, all
  'GET /api/orders': (access, { query }) => ownOrders(access, query),
  // a body without a userId string is refused by the route's validation, with a 400 naming it
  'POST /api/orders': (access, { body }) =>
    typeof body?.userId === 'string' ? access.orderFor(body.userId) : undefined,
  'GET /api/orders/:id': async (access, { params }, lookups) => access.readOrder(await lookups.orderOwner(params.id)),
  'POST /api/orders/:id/cancel': async (access, { params }, lookups) =>
    access.cancelOrder(await lookups.orderOwner(params.id)),
  // the events of a user's own orders (and every product's stock)
  'GET /api/events': (access, { query }) => ownOrders(access, query),

  // GraphQL: each field asks the rules above (graphql/schema.ts)
  'GET /graphql': anyUser,
  'POST /graphql': anyUser,
};
