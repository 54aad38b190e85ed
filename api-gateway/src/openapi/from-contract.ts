// The JSON the gateway answers is the services' gRPC replies, converted (DIAGRAM steps 8–9). So
// the answers' schemas are made from the .proto messages themselves, the way grpc-gateway's
// protoc-gen-openapiv2 does: a field added to a message appears in /openapi.json by itself.
//   message User { string id = 1; string name = 2; string email = 3; }
//   → {"type": "object", "properties": {"id": {"type": "string"}, …}, "required": ["id", "name", "email"]}
// Every field is required: the gateway loads the contract with defaults: true, so a field that
// was not set is there with its zero value ("" or 0), never missing. Only a field marked
// `optional` in the .proto is absent when not set. An enum is a string, one of its names.
import * as protoLoader from '@grpc/proto-loader';
import { LOADER_OPTIONS, PROTO_DIR, PROTO_FILES } from '@sandbox/protos';

interface FieldDescriptor {
  name: string; // as in the .proto: user_id
  type: string; // TYPE_STRING, TYPE_INT32, TYPE_DOUBLE, TYPE_BOOL, TYPE_MESSAGE…
  label: string; // LABEL_REPEATED for a list
  typeName: string; // ".user.User" for a message, ".order.OrderStatus" for an enum
}

export type JsonSchema = Record<string, unknown>;

const SCALARS: Record<string, JsonSchema> = {
  TYPE_STRING: { type: 'string' },
  TYPE_BOOL: { type: 'boolean' },
  TYPE_INT32: { type: 'integer', format: 'int32' },
  TYPE_UINT32: { type: 'integer', format: 'int32', minimum: 0 },
  TYPE_DOUBLE: { type: 'number', format: 'double' },
  TYPE_FLOAT: { type: 'number', format: 'float' },
  // 64-bit integers travel as strings (longs: String), as proto3's JSON mapping says
  TYPE_INT64: { type: 'string', format: 'int64' },
  TYPE_UINT64: { type: 'string', format: 'uint64' },
};

// user_id → userId, as @grpc/proto-loader names it (keepCase: false)
const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The schemas of the named messages ("user.User"), and of the messages they contain, by short name. */
export function messageSchemas(names: string[]): Record<string, JsonSchema> {
  const definition = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [PROTO_DIR] });
  const schemas: Record<string, JsonSchema> = {};
  const add = (fullName: string) => {
    const shortName = fullName.split('.').pop() as string;
    if (schemas[shortName]) return;
    const message = definition[fullName] as
      { type?: { field: FieldDescriptor[]; oneofDecl?: Array<{ name: string }> } } | undefined;
    if (!message?.type) throw new Error(`the contract has no message ${fullName}`);
    schemas[shortName] = {}; // a message that contains itself refers to this entry
    const properties: Record<string, JsonSchema> = {};
    for (const field of message.type.field) {
      let schema: JsonSchema;
      if (field.type === 'TYPE_ENUM') {
        // the enum's name, fully qualified: ".order.OrderStatus", or "OrderStatus" in the message's package
        const enumName = field.typeName.startsWith('.')
          ? field.typeName.slice(1)
          : `${fullName.split('.')[0]}.${field.typeName}`;
        const values = (definition[enumName] as { type: { value: Array<{ name: string }> } }).type.value;
        schema = {
          type: 'string',
          enum: values.map((value) => value.name).filter((name) => !name.endsWith('UNSPECIFIED')),
        };
      } else if (field.type === 'TYPE_MESSAGE') {
        const inner = field.typeName.replace(/^\./, '');
        add(inner);
        schema = { $ref: `#/components/schemas/${inner.split('.').pop()}` };
      } else {
        schema = SCALARS[field.type];
        if (!schema) throw new Error(`${fullName}.${field.name}: no JSON Schema for ${field.type}`);
      }
      properties[camelCase(field.name)] = field.label === 'LABEL_REPEATED' ? { type: 'array', items: schema } : schema;
    }
    // `optional string failure_reason` is the synthetic oneof "_failureReason" (protobuf's naming)
    const optional = new Set(
      (message.type.oneofDecl ?? [])
        .map((oneof) => oneof.name)
        .filter((name) => name.startsWith('_'))
        .map((name) => name.slice(1)),
    );
    const required = Object.keys(properties).filter((name) => !optional.has(name));
    schemas[shortName] = {
      type: 'object',
      description: `the gRPC message ${fullName}, as JSON`,
      properties,
      required,
      additionalProperties: false,
    };
  };
  for (const name of names) add(name);
  return schemas;
}
