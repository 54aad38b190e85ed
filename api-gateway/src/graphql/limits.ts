// Limits on what one query may ask (tutorial lesson 15). In REST the gateway decides how much work
// a request makes; in GraphQL the client does, so a query must be measured before it runs:
//   { users { items { orders { items { user { orders { items { user { … } } } } } } } } }
// is valid GraphQL that would fan out into thousands of gRPC calls. Three limits refuse such a
// query up front, with an error that says which limit and by how much, before any call is made:
//   tokens  the query's length, counted by the parser (graphql-js's maxTokens)
//   depth   how deeply fields nest
//   fields  how many fields the query selects in all, with its fragments spread out
// Introspection (__schema, __type: what GraphQL tools ask to learn the schema) calls no service;
// it nests deeper by nature, so it has a depth limit of its own and does not count as fields.
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

export const QUERY_LIMITS = {
  tokens: 2000,
  depth: 6, // user → orders → items → product → name is 5
  introspectionDepth: 15, // the standard introspection query of GraphiQL and Postman is 13
  fields: 200,
};

interface Size {
  depth: number;
  fields: number;
}

/** A graphql-js validation rule: it runs with graphql-js's own rules, before execution. */
export function queryLimits(context: ValidationContext): ASTVisitor {
  // a fragment is measured once, however often it is spread: a query that spreads fragments
  // inside fragments cannot make this count take exponential time
  const measured = new Map<string, Size>();

  function measure(selectionSet: SelectionSetNode | undefined, introspection: boolean): Size {
    let depth = 0;
    let fields = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const inner = introspection || name.startsWith('__');
        const below = measure(selection.selectionSet, inner);
        depth = Math.max(depth, 1 + below.depth);
        fields += (inner ? 0 : 1) + below.fields;
      } else {
        const below = selection.kind === Kind.INLINE_FRAGMENT ? measure(selection.selectionSet, introspection) : spread(selection.name.value, introspection);
        depth = Math.max(depth, below.depth);
        fields += below.fields;
      }
    }
    return { depth, fields };
  }

  function spread(name: string, introspection: boolean): Size {
    const key = `${introspection}:${name}`;
    const known = measured.get(key);
    if (known) return known;
    measured.set(key, { depth: 0, fields: 0 }); // a fragment that spreads itself: graphql-js reports the cycle
    const size = measure(context.getFragment(name)?.selectionSet, introspection);
    measured.set(key, size);
    return size;
  }

  return {
    OperationDefinition(operation) {
      let fields = 0;
      for (const selection of operation.selectionSet.selections) {
        const introspection = selection.kind === Kind.FIELD && selection.name.value.startsWith('__');
        const size = measure({ kind: Kind.SELECTION_SET, selections: [selection] }, false);
        const limit = introspection ? QUERY_LIMITS.introspectionDepth : QUERY_LIMITS.depth;
        if (size.depth > limit) {
          context.reportError(new GraphQLError(`the query nests ${size.depth} levels deep; at most ${limit} are allowed`, { nodes: selection, extensions: { code: 'QUERY_TOO_DEEP' } }));
        }
        fields += size.fields;
      }
      if (fields > QUERY_LIMITS.fields) {
        context.reportError(new GraphQLError(`the query selects ${fields} fields; at most ${QUERY_LIMITS.fields} are allowed in one query`, { nodes: operation, extensions: { code: 'QUERY_TOO_LARGE' } }));
      }
    },
  };
}
