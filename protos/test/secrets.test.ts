// Every field of the contract whose name looks like a secret has been decided on: it is in
// SECRET_FIELDS (src/secrets.ts: the lab then shows it as "[redacted]" in every trace and log line),
// or below, as a known non-secret. So a secret field added to a .proto later cannot be forgotten:
// this test names it until someone decides.
import { expect } from 'chai';
import { loadServiceContract, PROTO_FILES, SECRET_FIELDS } from '../src';

const LOOKS_SECRET = /pass|secret|token|key/i;

// named like secrets, but what they hold is of no use to someone who reads a trace
const NOT_SECRETS = [
  'pageToken', // which page of a list to send: the id of the last item of the page before (paging.ts)
  'nextPageToken', // the same, handed out for the next page
  'stockKey', // an order event's reservation key at product-service, "<order id>@<run>"
];

type ProtoFile = Parameters<typeof loadServiceContract>[0]; // "user.proto", …

interface Field {
  name: string; // camelCase, as @grpc/proto-loader gives it
  type: string; // "TYPE_STRING", …
}

/** Every message type of every .proto of the contract, by its full name ("user.CreateUserRequest"). */
function messageTypes(): Map<string, Field[]> {
  const types = new Map<string, Field[]>();
  for (const file of PROTO_FILES) {
    for (const [name, definition] of Object.entries(loadServiceContract(file as ProtoFile))) {
      if ('format' in definition && definition.format === 'Protocol Buffer 3 DescriptorProto') {
        types.set(name, (definition.type as { field: Field[] }).field);
      }
    }
  }
  return types;
}

describe("the contract's secret fields", () => {
  it('reads every message of every .proto', () => {
    const types = messageTypes();
    for (const name of ['user.CreateUserRequest', 'product.Product', 'order.OrderEvent'])
      expect(types.has(name), name).to.equal(true);
    expect(types.get('user.CheckPasswordRequest')?.map((f) => f.name)).to.include('password');
  });

  it('lists every field named like a secret as a secret or as a known non-secret', () => {
    const undecided: string[] = [];
    for (const [type, fields] of messageTypes()) {
      for (const { name } of fields) {
        if (LOOKS_SECRET.test(name) && !SECRET_FIELDS.includes(name) && !NOT_SECRETS.includes(name))
          undecided.push(`${type}.${name}`);
      }
    }
    expect(
      undecided,
      `a secret goes in SECRET_FIELDS (protos/src/secrets.ts), anything else in this test's NOT_SECRETS: ${undecided.join(', ')}`,
    ).to.deep.equal([]);
  });

  it('lists names that are in the contract, camelCase as the processes see them', () => {
    const names = new Set([...messageTypes().values()].flat().map((f) => f.name));
    for (const name of SECRET_FIELDS) expect(names.has(name), name).to.equal(true);
    for (const name of [...SECRET_FIELDS, ...NOT_SECRETS]) expect(name, 'camelCase').to.match(/^[a-z][A-Za-z0-9]*$/);
    expect(SECRET_FIELDS.filter((name) => NOT_SECRETS.includes(name))).to.deep.equal([]);
  });
});
