// The cost limit of GraphQL queries (graphql/limits.ts, lesson 15), on the schema alone: what each
// shape of query counts, before anything runs. test/graphql.test.ts sends the same through the
// real gateway and checks that a refused query makes no call.
import { expect } from 'chai';
import {
  buildSchema,
  getIntrospectionQuery,
  graphqlSync,
  Kind,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  ValidationContext,
  type OperationDefinitionNode,
} from 'graphql';
import { QUERY_LIMITS, queryCost, queryLimits } from '../src/graphql/limits';
import { TYPE_DEFS } from '../src/graphql/schema';

const schema = buildSchema(TYPE_DEFS);

/** What the query's first operation counts; `variables` as the request would send them. */
function costOf(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const context = new ValidationContext(schema, document, new TypeInfo(schema), () => undefined);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return queryCost(context, operation as OperationDefinitionNode, variables);
}

/** The errors graphql-js gives, with the gateway's limits among its rules, as "CODE message". */
function refusals(query: string, variables?: Record<string, unknown>): string[] {
  return validate(schema, parse(query), [...specifiedRules, (context) => queryLimits(context, variables)]).map(
    (error) => `${error.extensions.code} ${error.message}`,
  );
}

const tooCostly = (cost: string) =>
  `QUERY_TOO_COSTLY the query could return up to ${cost} records (each list counts its pageSize, nested lists multiply); at most 1,000 are allowed: ask for smaller pages`;

// the query: a page of 100 orders, each one's user with a page of 100 of their orders
const ATTACK =
  'orders(pageSize: 100) { items { id totalPrice user { name orders(pageSize: 100) { items { id totalPrice } } } } }';

describe('the cost of a GraphQL query', () => {
  it('counts the queries of lesson 15, its tests, the page and the benchmark well under the limit', () => {
    const queries: Array<[string, number]> = [
      ['{ order(id: "8") { quantity totalPrice user { name email } product { name price } } }', 3],
      [
        'mutation { createOrder(userId: "1", productId: "1", quantity: 2) { totalPrice user { name } product { name price } } }',
        3,
      ],
      ['{ orders(userId: "5") { items { quantity totalPrice user { name } } } }', 50 + 50],
      ['{ user(id: "1") { name orders { items { id quantity totalPrice product { name } } } } }', 1 + 50 + 50],
      [
        '{ user(id: "2") { id } product(id: "2") { name } users(pageSize: 1) { items { id } } products(query: "lap") { items { name } } }',
        1 + 1 + 1 + 50,
      ],
      ['{ orders(pageSize: 100) { items { id totalPrice user { name } } } }', 100 + 100],
      [
        '{ a: orders(userId: "6") { items { user { name } } } b: orders(userId: "7") { items { user { name } } } c: orders(userId: "8") { items { user { name } } } }',
        3 * (50 + 50),
      ],
    ];
    for (const [query, cost] of queries) {
      expect(costOf(query), query).to.equal(cost);
      expect(refusals(query), query).to.deep.equal([]);
    }
  });

  it("refuses one alias of the issue's query, and its twenty aliases, saying the cost and the limit", () => {
    expect(refusals(`{ ${ATTACK} }`)).to.deep.equal([tooCostly('10,200')]);
    const twenty = Array.from({ length: 20 }, (_, i) => `a${i}: ${ATTACK}`).join(' ');
    expect(refusals(`{ ${twenty} }`)).to.deep.equal([tooCostly('204,000')]);
  });

  it('lets a query at the limit through, and refuses one more record', () => {
    const atTheLimit = 'users(pageSize: 10) { items { orders(pageSize: 99) { items { id } } } }';
    expect(costOf(`{ ${atTheLimit} }`)).to.equal(QUERY_LIMITS.cost);
    expect(refusals(`{ ${atTheLimit} }`)).to.deep.equal([]);
    expect(refusals(`{ ${atTheLimit} product(id: "1") { name } }`)).to.deep.equal([tooCostly('1,001')]);
  });

  it('counts a page as the services read it: none or 0 is 50, more than 100 is 100', () => {
    expect(costOf('{ users { items { id } } }')).to.equal(50);
    expect(costOf('{ users(pageSize: 0) { items { id } } }')).to.equal(50);
    expect(costOf('{ users(pageSize: 7) { items { id } } }')).to.equal(7);
    expect(costOf('{ users(pageSize: 100000) { items { id } } }')).to.equal(100);
    // a list costs its page whether or not its items are asked for: the service sends them all
    expect(costOf('{ orders(pageSize: 30) { nextPageToken } }')).to.equal(30);
  });

  it('counts a pageSize given as a variable as what it holds, or as the largest page when the variables are not known', () => {
    const query =
      'query($size: Int, $inner: Int = 10) { orders(pageSize: $size) { items { user { orders(pageSize: $inner) { items { id } } } } } }';
    expect(costOf(query, { size: 5, inner: 20 })).to.equal(5 + 5 + 5 * 20);
    expect(costOf(query, { size: 5 })).to.equal(5 + 5 + 5 * 10); // $inner's default
    expect(costOf(query, { size: null, inner: 1000 })).to.equal(50 + 50 + 50 * 100);
    // graphql-js gives a rule no variables: the worst they could hold
    expect(costOf(query)).to.equal(100 + 100 + 100 * 100);
    expect(refusals(query)).to.deep.equal([tooCostly('10,200')]);
    expect(refusals(query, { size: 5 })).to.deep.equal([]);
    // variables that execution would refuse count as unknown
    expect(costOf(query, { size: 'many' })).to.equal(10_200);
  });

  it('counts an alias, a fragment and an inline fragment each time they are used', () => {
    const page = 'fragment Page on UserPage { items { orders(pageSize: 99) { items { id } } } }';
    expect(costOf(`{ users(pageSize: 10) { ...Page } } ${page}`)).to.equal(1000);
    expect(refusals(`{ a: users(pageSize: 10) { ...Page } b: users(pageSize: 10) { ...Page } } ${page}`)).to.deep.equal(
      [tooCostly('2,000')],
    );
    expect(
      costOf(
        '{ users(pageSize: 10) { ... on UserPage { items { orders(pageSize: 99) { items { id } } } } ... { items { id } } } }',
      ),
    ).to.equal(1000);
    // a fragment spread inside a fragment, at every level
    const nested = 'fragment O on Order { user { ...U } } fragment U on User { orders(pageSize: 10) { items { id } } }';
    expect(costOf(`{ orders(pageSize: 10) { items { ...O ...O } } } ${nested}`)).to.equal(10 + 10 * 2 * (1 + 10));
  });

  it('counts introspection as nothing, and tells a query too deep only that', () => {
    expect(costOf('{ __schema { types { name fields { name } } } __typename }')).to.equal(0);
    expect(refusals('{ users { items { orders { items { user { orders { items { id } } } } } } } }')).to.deep.equal([
      'QUERY_TOO_DEEP the query nests 8 levels deep; at most 6 are allowed',
    ]);
  });

  describe('introspection', () => {
    // what GraphiQL, Postman and the other tools send, with every option some of them turn on
    const standard = [
      getIntrospectionQuery(),
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    ];

    it("lets the tools' standard introspection query through, and a few __type", () => {
      for (const query of standard) expect(refusals(query)).to.deep.equal([]);
      const types = Array.from(
        { length: QUERY_LIMITS.types },
        (_, i) => `t${i}: __type(name: "User") { name fields { name type { name kind } } }`,
      ).join(' ');
      expect(refusals(`{ ${types} __typename }`)).to.deep.equal([]);
    });

    it('refuses __schema asked twice or more, by aliases or fragments: 280 of them, a 10 kB query, would be answered with 8 MB', () => {
      // the standard query's selection of __schema as a fragment, asked for by 280 aliases
      const [head, ...fragments] = getIntrospectionQuery().split(/\n\s*fragment /);
      const selection = head.slice(
        head.indexOf('{', head.indexOf('__schema')) + 1,
        head.lastIndexOf('}', head.lastIndexOf('}') - 1),
      );
      const definitions = [
        `fragment Schema on __Schema { ${selection} }`,
        ...fragments.map((fragment) => `fragment ${fragment}`),
      ].join('\n');
      const attack = `{ ${Array.from({ length: 280 }, (_, i) => `s${i}: __schema { ...Schema }`).join(' ')} }\n${definitions}`;
      expect(attack.length).to.be.below(10_000);
      expect(refusals(attack)).to.deep.equal([
        'QUERY_TOO_LARGE the query asks for __schema 280 times; at most 1 is allowed in one query (it answers the whole schema each time)',
      ]);
      // what it would have been answered with, without the limit: the answer to one, 280 times
      const one = JSON.stringify(graphqlSync({ schema, source: `{ __schema { ...Schema } }\n${definitions}` }));
      expect(one).to.include('"queryType"');
      expect(one.length * 280).to.be.above(5_000_000);
      expect(
        refusals(
          '{ ...S ...S ... on Query { __schema { queryType { name } } } } fragment S on Query { a: __schema { queryType { name } } }',
        ),
      ).to.deep.equal([
        'QUERY_TOO_LARGE the query asks for __schema 3 times; at most 1 is allowed in one query (it answers the whole schema each time)',
      ]);
    });

    it('refuses more than ten __type, and any alias inside __schema or __type', () => {
      const types = Array.from(
        { length: QUERY_LIMITS.types + 1 },
        (_, i) => `t${i}: __type(name: "User") { name }`,
      ).join(' ');
      expect(refusals(`{ ${types} }`)).to.deep.equal([
        'QUERY_TOO_LARGE the query asks for __type 11 times; at most 10 are allowed in one query',
      ]);
      const aliased = 'a: types { ...T } b: types { ...T }';
      expect(refusals(`{ __schema { ${aliased} } } fragment T on __Type { name fields { name } }`)).to.deep.equal([
        'QUERY_TOO_LARGE a field inside __schema or __type takes no alias (a: types): each alias would answer that part of the schema again',
      ]);
      expect(refusals('{ __type(name: "User") { fields { n1: name n2: name } } }')[0]).to.match(
        /takes no alias \(n1: name\)/,
      );
    });
  });
});
