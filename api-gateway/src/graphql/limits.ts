// Limits on what one query may ask (tutorial lesson 15). In REST the gateway decides how much work
// a request makes; in GraphQL the client does, so a query must be measured before it runs:
//   { users { items { orders { items { user { orders { items { user { … } } } } } } } } }
// is valid GraphQL that would fan out into thousands of gRPC calls. Four limits refuse such a
// query up front, with an error that says which limit and by how much, before any call is made:
//   tokens  the query's length, counted by the parser (graphql-js's maxTokens)
//   depth   how deeply fields nest
//   fields  how many fields the query selects in all, with its fragments spread out
//   cost    how many records it could bring back: each list counts its pageSize, nested lists
//           multiply. Twenty aliases of orders(pageSize: 100) { … user { orders(pageSize: 100) … } }
//           pass the other three, yet ask for 204,000 records: a 2 kB query, an answer of nearly 6 MB.
// Introspection (__schema, __type: what GraphQL tools ask to learn the schema) calls no service;
// it nests deeper by nature, so it has a depth limit of its own and counts neither as fields nor
// cost. But its answers are large (the whole schema is 30 kB), and an alias asks for one again:
// 280 aliases of __schema, a 6 kB query, would be answered with 6 MB. So a query asks for __schema
// once and __type ten times at most, and gives no alias to the fields inside them, which would
// repeat a part of the schema. GraphQL tools ask once, without aliases.
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLInt,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromAST,
  type ASTNode,
  type ASTVisitor,
  type FieldNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { LIMITS } from '@sandbox/protos';

export const QUERY_LIMITS = {
  tokens: 2000,
  depth: 6, // user → orders → items → product → name is 5
  introspectionDepth: 15, // the standard introspection query of GraphiQL and Postman is 13
  schemas: 1, // __schema: the whole schema (GraphiQL's, Postman's query asks for it once)
  types: 10, // __type(name: …): one type each
  fields: 200,
  // records (queryCost below): ten full pages, LIMITS.maxPageSize being 100. The largest query of
  // lesson 15, its tests, the page's examples and the benchmark counts 300; a full page of users
  // with a full page of each one's orders counts 10,100, and is asked for in smaller pages instead
  cost: 1000,
};

interface Size {
  depth: number;
  fields: number;
  schemas: number; // __schema fields, each alias and each spread of a fragment counted
  types: number; // __type fields, the same
  alias?: FieldNode; // the first field with an alias inside __schema or __type
}

/**
 * A graphql-js validation rule: it runs with graphql-js's own rules, before execution.
 * graphql-js gives a rule the context alone, without the request's variables: then a pageSize
 * given as a variable ($size) counts as the largest page. A caller that has them passes them
 * (`{}` when the request sent none), and each variable counts as what it holds.
 */
export function queryLimits(context: ValidationContext, variables?: Record<string, unknown>): ASTVisitor {
  // a fragment is measured once, however often it is spread: a query that spreads fragments
  // inside fragments cannot make this count take exponential time
  const measured = new Map<string, Size>();

  function measure(selectionSet: SelectionSetNode | undefined, introspection: boolean): Size {
    const size: Size = { depth: 0, fields: 0, schemas: 0, types: 0 };
    for (const selection of selectionSet?.selections ?? []) {
      let below: Size;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const inner = introspection || name.startsWith('__');
        below = measure(selection.selectionSet, inner);
        size.depth = Math.max(size.depth, 1 + below.depth);
        size.fields += inner ? 0 : 1;
        if (name === '__schema') size.schemas += 1;
        if (name === '__type') size.types += 1;
        if (introspection && selection.alias) size.alias ??= selection;
      } else {
        below =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet, introspection)
            : spread(selection.name.value, introspection);
        size.depth = Math.max(size.depth, below.depth);
      }
      size.fields += below.fields;
      size.schemas += below.schemas;
      size.types += below.types;
      size.alias ??= below.alias;
    }
    return size;
  }

  function spread(name: string, introspection: boolean): Size {
    const key = `${introspection}:${name}`;
    const known = measured.get(key);
    if (known) return known;
    measured.set(key, { depth: 0, fields: 0, schemas: 0, types: 0 }); // a fragment that spreads itself: graphql-js reports the cycle
    const size = measure(context.getFragment(name)?.selectionSet, introspection);
    measured.set(key, size);
    return size;
  }

  return {
    OperationDefinition(operation) {
      let refused = false;
      const total: Size = { depth: 0, fields: 0, schemas: 0, types: 0 };
      for (const selection of operation.selectionSet.selections) {
        const introspection = selection.kind === Kind.FIELD && selection.name.value.startsWith('__');
        const size = measure({ kind: Kind.SELECTION_SET, selections: [selection] }, false);
        const limit = introspection ? QUERY_LIMITS.introspectionDepth : QUERY_LIMITS.depth;
        if (size.depth > limit) {
          context.reportError(
            new GraphQLError(`the query nests ${size.depth} levels deep; at most ${limit} are allowed`, {
              nodes: selection,
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
          refused = true;
        }
        total.fields += size.fields;
        total.schemas += size.schemas;
        total.types += size.types;
        total.alias ??= size.alias;
      }
      const tooLarge = (message: string, nodes: ASTNode) => {
        context.reportError(new GraphQLError(message, { nodes, extensions: { code: 'QUERY_TOO_LARGE' } }));
        refused = true;
      };
      if (total.fields > QUERY_LIMITS.fields)
        tooLarge(
          `the query selects ${total.fields} fields; at most ${QUERY_LIMITS.fields} are allowed in one query`,
          operation,
        );
      if (total.schemas > QUERY_LIMITS.schemas)
        tooLarge(
          `the query asks for __schema ${total.schemas} times; at most ${QUERY_LIMITS.schemas} is allowed in one query (it answers the whole schema each time)`,
          operation,
        );
      if (total.types > QUERY_LIMITS.types)
        tooLarge(
          `the query asks for __type ${total.types} times; at most ${QUERY_LIMITS.types} are allowed in one query`,
          operation,
        );
      if (total.alias)
        tooLarge(
          `a field inside __schema or __type takes no alias (${total.alias.alias?.value}: ${total.alias.name.value}): each alias would answer that part of the schema again`,
          total.alias,
        );
      // one reason at a time: a query too deep or too wide is told so, not also what it would cost
      if (refused) return;
      const cost = queryCost(context, operation, variables);
      if (cost > QUERY_LIMITS.cost) {
        context.reportError(
          new GraphQLError(
            `the query could return up to ${count(cost)} records (each list counts its pageSize, nested lists multiply); at most ${count(QUERY_LIMITS.cost)} are allowed: ask for smaller pages`,
            {
              nodes: operation,
              extensions: { code: 'QUERY_TOO_COSTLY' },
            },
          ),
        );
      }
    },
  };
}

/**
 * How many records an operation could bring back from the services, counted the usual way:
 *   a list (users, products, orders, User.orders: the fields with a pageSize) counts its page,
 *     and what each of its items asks counts once per item: nested lists multiply;
 *   one record from a service (user(id), product(id), order(id), Order.user, Order.product, and
 *     what a mutation answers) counts 1, and what it asks;
 *   a scalar counts nothing, and a page's items are the records its list has counted.
 * An alias or a fragment counts each time it is used. A call the loaders save (loaders.ts) still
 * counts: the limit is on the answer, which repeats a record each time the query asks for it.
 */
export function queryCost(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown>,
): number {
  const schema = context.getSchema();
  // the variables as execution will see them (with their defaults); unknown or invalid: none known
  const coerced = variables && getVariableValues(schema, operation.variableDefinitions ?? [], variables).coerced;
  // a fragment is counted once, for one record of its type: the list around a spread multiplies
  // it like any field, so fragments in fragments cannot make this take exponential time
  const counted = new Map<string, number>();

  function pageSizeOf(field: FieldNode): number {
    const argument = field.arguments?.find((arg) => arg.name.value === 'pageSize');
    if (!argument) return LIMITS.defaultPageSize;
    if (argument.value.kind === Kind.VARIABLE && !coerced) return LIMITS.maxPageSize; // not known here: the largest
    const size = valueFromAST(argument.value, GraphQLInt, coerced);
    // as the services read it (protos/src/paging.ts): 0 or none is the default, more than the maximum the maximum
    return typeof size === 'number' && size > 0 ? Math.min(size, LIMITS.maxPageSize) : LIMITS.defaultPageSize;
  }

  function costOf(selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType | undefined): number {
    let cost = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue; // __typename, introspection: no service is asked
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue; // a field the schema does not have: graphql-js's own rules say so
        const each = costOf(selection.selectionSet, getNamedType(field.type));
        if (field.args.some((arg) => arg.name === 'pageSize')) {
          const size = pageSizeOf(selection);
          cost += size + size * each;
        } else if (isCompositeType(getNullableType(field.type))) cost += 1 + each;
        else cost += each;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(
          selection.selectionSet,
          selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type,
        );
      } else {
        cost += fragmentCost(selection.name.value);
      }
    }
    return cost;
  }

  function fragmentCost(name: string): number {
    const known = counted.get(name);
    if (known !== undefined) return known;
    counted.set(name, 0); // a fragment that spreads itself: graphql-js reports the cycle
    const fragment = context.getFragment(name);
    const cost = fragment ? costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0;
    counted.set(name, cost);
    return cost;
  }

  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

// 20400 → "20,400", as people read numbers
const count = (n: number) => n.toLocaleString('en-US');
