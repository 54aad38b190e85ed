// Every exercise: one concept of the diagram, cut from the real code (its region is marked in the
// file: "exercise <name> ▼" … "▲"), with what to write, hints, and a check (checks/<name>.ts) that
// tests behaviour, so any correct solution passes. In lesson order.
export interface Exercise {
  name: string;
  lesson: number; // the lesson that explains it
  title: string;
  task: string; // what to write, in one line (the TODO says it)
  // each region's stand-in while the student writes it: code that runs and fails in a way that
  // teaches (an UNIMPLEMENTED answer, the slow or wrong way to do it), never a crash at start
  regions: Array<{ file: string; todo: string }>;
  hints: string[];
  needs?: 'go';
}

export const EXERCISES: Exercise[] = [
  {
    name: 'rest-route',
    lesson: 2,
    title: 'HTTP → gRPC: the gateway route for one product',
    task: "answer GET /api/products/:id with product-service's GetProduct, as JSON.",
    regions: [
      {
        file: 'api-gateway/src/routing/products.ts',
        todo: "res.status(501).json({ error: { code: 'UNIMPLEMENTED', message: 'exercise rest-route: not written yet' } });",
      },
    ],
    hints: [
      "The route has the id in req.params.id, and the gateway's gRPC clients in `clients`: look at the route for GET /api/users/:id in routing/users.ts.",
      'clients.products.GetProduct({ id }) returns a promise of the product; a failure (NOT_FOUND) is thrown, and the error middleware turns it into a 404 for you.',
      'Two lines: await the product, then res.json(it).',
    ],
  },
  {
    name: 'paging',
    lesson: 3,
    title: 'Lists a page at a time: pageSize, pageToken, nextPageToken',
    task: 'give one page of at most pageSize items (0: 50; at most 100), and the token of the next page.',
    regions: [
      {
        file: 'protos/src/paging.ts',
        todo: "// every item on one page, whatever was asked: fine for 7 users, not for 70,000\nreturn { items, nextPageToken: '' };",
      },
    ],
    hints: [
      'LIMITS.defaultPageSize and LIMITS.maxPageSize say how big a page is; tokenAfter(id) and lastIdIn(token), below, make and read a token.',
      'A token says "after id N": keep the items whose id is greater than N, take the first pageSize of them.',
      'There is a next page only if items are left after this one: then its token is tokenAfter(the last id of this page); otherwise "".',
    ],
  },
  {
    name: 'fan-out',
    lesson: 4,
    title: "The order's fan-out: GetUser and GetProduct at the same time",
    task: 'make the two lookups run at the same time, as DIAGRAM steps 3a/3b draw them.',
    regions: [
      {
        file: 'order-service/src/handlers.ts',
        todo: '// one after the other: the order waits for both lookups, added up\nconst user = await lookups.getUser(request.userId, call);\nconst product = await lookups.getProduct(request.productId, call);',
      },
    ],
    hints: [
      'A call starts when you call the function, and `await` waits for its answer: start both before you wait for either.',
      'Promise.all([a, b]) waits for both promises and fails as soon as one fails.',
      'const [user, product] = await Promise.all([…the two lookups…]);',
    ],
  },
  {
    name: 'total-price',
    lesson: 4,
    title: 'totalPrice = price × quantity, exact to the cent',
    task: 'return price × quantity, exact to the cent (DIAGRAM step 5).',
    regions: [
      {
        file: 'order-service/src/pricing.ts',
        todo: 'return unitPrice * quantity; // in floating point, 19.99 × 7 is 139.92999999999998',
      },
    ],
    hints: [
      'A price has at most two decimals, but 19.99 is not exactly 19.99 in binary floating point.',
      'Whole numbers are exact: work in cents, then go back to units at the end.',
      'Math.round(unitPrice * 100) is the price in cents.',
    ],
  },
  {
    name: 'not-found',
    lesson: 7,
    title: 'A user nobody has: NOT_FOUND',
    task: 'when no user has this id, fail with the gRPC code NOT_FOUND and the message "user <id> not found".',
    regions: [
      {
        file: 'user-service/src/handlers.ts',
        todo: "if (!user) return { id, name: '', email: '' }; // a user nobody has, answered as an empty one",
      },
    ],
    hints: [
      'Services speak gRPC codes, never HTTP: the gateway turns NOT_FOUND into a 404 (lesson 7).',
      'protos/src/errors.ts has a helper for exactly this code; it is imported at the top of this file already.',
      'throw notFound(`user ${id} not found`) when there is no user.',
    ],
  },
  {
    name: 'status-table',
    lesson: 7,
    title: 'The gRPC → HTTP status table',
    task: "map each gRPC status code to its HTTP status, as google.rpc's code.proto and grpc-gateway do.",
    regions: [{ file: 'api-gateway/src/conversion/http-status.ts', todo: '' }],
    hints: [
      'Lesson 7 has the table: NOT_FOUND is 404, INVALID_ARGUMENT 400, ALREADY_EXISTS 409, UNAVAILABLE 503, DEADLINE_EXCEEDED 504…',
      'Each entry reads [status.NOT_FOUND]: 404. A code with no entry becomes a 500.',
      'Sixteen codes besides OK; a client that hung up (CANCELLED) is 499, as nginx and grpc-gateway say.',
    ],
  },
  {
    name: 'validation',
    lesson: 7,
    title: 'A quantity checked at the gateway, before protobuf sees it',
    task: 'describe a valid quantity: a whole number from 1 to 1000 (LIMITS.maxQuantity).',
    regions: [
      { file: 'api-gateway/src/conversion/validation.ts', todo: "const quantity = { type: 'number' } as const;" },
    ],
    hints: [
      'This is a JSON Schema, checked by Ajv. protobuf would turn 1.7 into 1 without a word: the gateway must refuse it first.',
      'JSON Schema has a type for whole numbers, and keywords for the smallest and the largest value.',
      "{ type: 'integer', minimum: …, maximum: LIMITS.maxQuantity }",
    ],
  },
  {
    name: 'deadline',
    lesson: 8,
    title: 'A deadline on every call: 504, not a wait without end',
    task: "give every call the gateway makes a deadline, deadlineMs from now (a caller's own options still win).",
    regions: [
      {
        file: 'api-gateway/src/conversion/clients.ts',
        todo: 'const callOptions = options; // no deadline: a call waits as long as the service likes',
      },
    ],
    hints: [
      "grpc-js takes a deadline in a call's options: { deadline: a Date }. Past it, the call fails with DEADLINE_EXCEEDED, which the gateway answers as 504.",
      'deadlineIn(ms), imported above, is the Date ms from now.',
      "Spread the caller's options after yours, so a deadline they set wins.",
    ],
  },
  {
    name: 'auth',
    lesson: 11,
    title: 'The auth middleware: 401 without a token, 403 for what one may not do',
    task: "with AUTH=required, refuse a request without a token (401); then apply the route's rule to the user.",
    regions: [
      {
        file: 'api-gateway/src/auth/middleware.ts',
        todo: 'return; // nobody is refused: with AUTH=required the API is as open as with AUTH=off',
      },
    ],
    hints: [
      'switches.auth says whether a token is required, and `user` is who the token is for (undefined: none). needsToken(res) is the 401, with its WWW-Authenticate header.',
      'A rule is a function of what the user may do (new Access(user)), the request, and the lookups; it throws PERMISSION_DENIED (403) or returns a narrowing.',
      'Keep `res.locals.access` (GraphQL reads it) and narrow(req, res, narrowing) when the rule returns one.',
    ],
  },
  {
    name: 'cache',
    lesson: 13,
    title: 'A cache HIT: the answer kept, no gRPC call',
    task: 'when an answer for this key is kept, send it with x-cache: HIT and call nobody.',
    regions: [
      {
        file: 'api-gateway/src/cache/answer-cache.ts',
        todo: '// (answered before? not looked up: every GET goes to the service)',
      },
    ],
    hints: [
      "cache.get(key) is the kept entry, or undefined; an entry holds the answer's JSON text in .body.",
      'Set the x-cache header, then send the text as JSON, and return: no next(), so no route and no gRPC call.',
      "res.setHeader('x-cache', 'HIT'); res.type('application/json').send(kept.body);",
    ],
  },
  {
    name: 'aggregation',
    lesson: 14,
    title: 'Two services, one answer: a user with their orders',
    task: 'ask user-service and order-service at the same time, and fail as soon as either fails.',
    regions: [
      {
        file: 'api-gateway/src/aggregation/users-orders.ts',
        todo: '// one after the other: the answer waits for both, added up\nconst user = await clients.users.GetUser({ id });\nconst { orders, nextPageToken } = await clients.orders.ListOrders({ userId: id, ...page });',
      },
    ],
    hints: [
      'As in the fan-out of lesson 4: start both calls before waiting for either.',
      'Promise.all gives both answers in order, and fails as soon as one call fails: all or nothing.',
      'const [user, { orders, nextPageToken }] = await Promise.all([…]);',
    ],
  },
  {
    name: 'compensation',
    lesson: 16,
    title: "The saga's compensation: undo what was done, in reverse",
    task: 'run each compensation owed (they come in reverse order already); one that fails must not stop the others.',
    regions: [
      {
        file: 'order-service/src/saga/run.ts',
        todo: '// (nothing is undone: the stock stays held until its lease runs out)',
      },
    ],
    hints: [
      'Each compensation has a name and a run(): a promise (release the stock, refund the payment).',
      'Wait for each in turn; if one throws, log it (log?.warn) and go on with the next.',
      'for (const { name, run } of compensations) { try { await run(); } catch … }',
    ],
  },
  {
    name: 'subscriber',
    lesson: 17,
    title: 'A subscriber to a gRPC stream: stock back when an order is cancelled',
    task: 'when order-service says "order.cancelled", give that order\'s stock back.',
    regions: [
      { file: 'product-service/src/stock/order-events.ts', todo: '// (the event is seen, and nothing happens)' },
    ],
    hints: [
      'Each event has a type ("order.created", "order.cancelled"…), the order, and stockKey: the key its stock is held under.',
      'stock.release(stockKey) gives the units back; releasing twice is harmless.',
      'Ignore every other type of event.',
    ],
  },
  {
    name: 'go-get-user',
    lesson: 19,
    title: 'The same contract in Go: GetUser',
    task: 'answer GetUser in Go: the user, or NOT_FOUND "user <id> not found".',
    regions: [
      {
        file: 'user-service-go/handlers.go',
        todo: 'return nil, status.Error(codes.Unimplemented, "exercise go-get-user: not written yet")',
      },
    ],
    hints: [
      's.requireUser(id), above, finds the user or the right error.',
      "The answer is a *userpb.User: public(u) makes one from the store's user, without the password hash.",
      'Go returns the value and the error: (nil, err) when it failed.',
    ],
    needs: 'go',
  },
];
