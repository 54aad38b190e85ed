// The contract's history: has a change to the .proto files broken a caller that uses the last
// released contract? (tutorial lesson 20)
//   npm run contract                   protos/*.proto against protos/released/contract.json
//   npm run contract -- <folder>       the .proto files of another folder (a copy you are changing;
//                                      a file it does not have is taken from protos/)
//   npm run contract -- release        makes the current contract the released one
// Exits 1 and names each breaking change. What breaks a caller that was built on the old contract:
//   a field renumbered or retyped      old messages are read wrongly: bytes land in another field, or fail
//   a field renamed                    JSON (the gateway's) and generated code use the name
//   a field removed but not reserved   its number could be reused for something else later
//   a field made repeated, or not      a list read as one value, or the other way round
//   a message, enum value, service or method removed, or a method's types or streaming changed
// Adding a field, a message, an enum value or a method breaks nobody: old callers skip what they
// do not know, and read a field they never receive as its zero value. (buf's "breaking" check makes
// the same comparison, with more rules; it is not used here because it installs as a native binary.)
// It also checks that the Go user-service's generated code (user-service-go/userpb) was made from
// today's user.proto.
import fs from 'node:fs';
import path from 'node:path';
import * as protobuf from 'protobufjs';
import descriptorJson from 'protobufjs/google/protobuf/descriptor.json';
// adds Root.fromDescriptor
import 'protobufjs/ext/descriptor';
import { ROOT } from '../launcher/services';

export interface Field {
  id: number;
  type: string; // "string", "int32", "user.User", "map<string,int32>"
  label: 'singular' | 'optional' | 'repeated';
}
export interface Message {
  fields: Record<string, Field>;
  reservedIds: number[];
  reservedNames: string[];
}
export interface Method {
  request: string;
  response: string;
  requestStream: boolean;
  responseStream: boolean;
}
export interface ContractShape {
  messages: Record<string, Message>;
  enums: Record<string, Record<string, number>>;
  services: Record<string, Record<string, Method>>;
}

export const PROTO_FILES = ['user.proto', 'product.proto', 'order.proto'];
export const RELEASED_FILE = path.join(ROOT, 'protos', 'released', 'contract.json');
const GO_GENERATED = path.join(ROOT, 'user-service-go', 'userpb', 'user.pb.go');

const withoutDot = (name: string) => name.replace(/^\./, '');

/** What a caller depends on, from a protobufjs Root: every message, enum and service by full name. */
export function shapeOf(root: protobuf.Root): ContractShape {
  root.resolveAll();
  const shape: ContractShape = { messages: {}, enums: {}, services: {} };
  const visit = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      const name = withoutDot(nested.fullName);
      if (nested instanceof protobuf.Type) {
        const fields: Record<string, Field> = {};
        for (const field of nested.fieldsArray) {
          const type = field.resolvedType ? withoutDot(field.resolvedType.fullName) : field.type;
          const mapKey = (field as unknown as { keyType?: string }).keyType;
          fields[field.name] = {
            id: field.id,
            type: mapKey ? `map<${mapKey},${type}>` : type,
            // proto3 `optional` is a oneof of one field, named after it ("_name")
            label: field.repeated ? 'repeated' : field.partOf?.name === `_${field.name}` ? 'optional' : 'singular',
          };
        }
        const reserved = (nested.reserved ?? []) as Array<number[] | string>;
        const reservedIds = reserved
          .filter((r): r is number[] => Array.isArray(r))
          .flatMap(([from, to]) => Array.from({ length: Math.min(to, from + 1000) - from + 1 }, (_, i) => from + i));
        shape.messages[name] = {
          fields,
          reservedIds,
          reservedNames: reserved.filter((r): r is string => typeof r === 'string'),
        };
      } else if (nested instanceof protobuf.Enum) {
        shape.enums[name] = { ...nested.values };
      } else if (nested instanceof protobuf.Service) {
        shape.services[name] = Object.fromEntries(
          nested.methodsArray.map((m) => [
            m.name,
            {
              request: withoutDot(m.resolvedRequestType?.fullName ?? m.requestType),
              response: withoutDot(m.resolvedResponseType?.fullName ?? m.responseType),
              requestStream: !!m.requestStream,
              responseStream: !!m.responseStream,
            },
          ]),
        );
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type)
        visit(nested as protobuf.NamespaceBase);
    }
  };
  visit(root);
  return shape;
}

/** The contract in a folder of .proto files; a file it does not have is taken from protos/. */
export function shapeOfFolder(folder: string): ContractShape {
  const root = new protobuf.Root();
  const pick = (file: string) =>
    fs.existsSync(path.join(folder, file)) ? path.join(folder, file) : path.join(ROOT, 'protos', file);
  root.loadSync(PROTO_FILES.map(pick), { keepCase: true });
  return shapeOf(root);
}

/** The contract the Go user-service was generated from: the descriptor protoc-gen-go embeds in user.pb.go. */
export function shapeOfGoUserService(file = GO_GENERATED): ContractShape {
  const source = fs.readFileSync(file, 'utf8');
  const body = /_rawDesc = \[\]byte\{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  const bytes = Buffer.from((body.match(/0x[0-9a-f]{2}/g) ?? []).map((hex) => parseInt(hex, 16)));
  const FileDescriptorProto = protobuf.Root.fromJSON(descriptorJson as protobuf.INamespace).lookupType(
    'google.protobuf.FileDescriptorProto',
  );
  const fromDescriptor = (protobuf.Root as unknown as { fromDescriptor(set: object): protobuf.Root }).fromDescriptor;
  return shapeOf(fromDescriptor({ file: [FileDescriptorProto.decode(bytes)] }));
}

/** Every change from `before` to `after` that breaks a caller built on `before`, in words. */
export function breakingChanges(before: ContractShape, after: ContractShape): string[] {
  const problems: string[] = [];
  for (const [name, old] of Object.entries(before.messages)) {
    const now = after.messages[name];
    if (!now) {
      problems.push(`message ${name} was removed`);
      continue;
    }
    const byId = new Map(Object.entries(now.fields).map(([fieldName, field]) => [field.id, fieldName]));
    for (const [fieldName, field] of Object.entries(old.fields)) {
      const current = now.fields[fieldName];
      const at = `${name}.${fieldName}`;
      if (!current) {
        const reused = byId.get(field.id);
        if (reused)
          problems.push(
            `${at} was renamed ${reused} (number ${field.id}): JSON and generated code know it by its name`,
          );
        else if (!now.reservedIds.includes(field.id) || !now.reservedNames.includes(fieldName))
          problems.push(
            `${at} (number ${field.id}) was removed without \`reserved ${field.id}; reserved "${fieldName}";\`: the number could later be given to another field`,
          );
        continue;
      }
      if (current.id !== field.id)
        problems.push(
          `${at} was renumbered ${field.id} → ${current.id}: a caller with the old contract sends and reads it as field ${field.id}`,
        );
      if (current.type !== field.type)
        problems.push(
          `${at} changed type ${field.type} → ${current.type}: a caller with the old contract reads its bytes as ${field.type}`,
        );
      if ((current.label === 'repeated') !== (field.label === 'repeated'))
        problems.push(`${at} changed from ${field.label} to ${current.label}`);
    }
    for (const [fieldName, field] of Object.entries(now.fields)) {
      if (!old.fields[fieldName] && old.reservedIds.includes(field.id))
        problems.push(`${name}.${fieldName} uses number ${field.id}, which was reserved`);
    }
  }
  for (const [name, values] of Object.entries(before.enums)) {
    const now = after.enums[name];
    if (!now) problems.push(`enum ${name} was removed`);
    else
      for (const [value, number] of Object.entries(values))
        if (now[value] !== number)
          problems.push(
            now[value] === undefined
              ? `${name}.${value} was removed`
              : `${name}.${value} was renumbered ${number} → ${now[value]}`,
          );
  }
  for (const [name, methods] of Object.entries(before.services)) {
    const now = after.services[name];
    if (!now) {
      problems.push(`service ${name} was removed`);
      continue;
    }
    for (const [method, old] of Object.entries(methods)) {
      const current = now[method];
      if (!current) problems.push(`${name}/${method} was removed`);
      else if (JSON.stringify(current) !== JSON.stringify(old))
        problems.push(`${name}/${method} changed: (${signature(old)}) → (${signature(current)})`);
    }
  }
  return problems;
}

/** What was added from `before` to `after`: compatible, listed so a release note can say it. */
export function additions(before: ContractShape, after: ContractShape): string[] {
  const added: string[] = [];
  for (const [name, message] of Object.entries(after.messages)) {
    if (!before.messages[name]) added.push(`message ${name}`);
    else
      for (const field of Object.keys(message.fields))
        if (!before.messages[name].fields[field]) added.push(`field ${name}.${field}`);
  }
  for (const [name, values] of Object.entries(after.enums))
    for (const value of Object.keys(values))
      if (before.enums[name]?.[value] === undefined) added.push(`enum value ${name}.${value}`);
  for (const [name, methods] of Object.entries(after.services))
    for (const method of Object.keys(methods))
      if (!before.services[name]?.[method]) added.push(`method ${name}/${method}`);
  return added;
}

function signature(method: Method): string {
  return `${method.requestStream ? 'stream ' : ''}${method.request} → ${method.responseStream ? 'stream ' : ''}${method.response}`;
}

export function releasedShape(): ContractShape {
  return (JSON.parse(fs.readFileSync(RELEASED_FILE, 'utf8')) as { contract: ContractShape }).contract;
}

function main(): number {
  const [argument] = process.argv.slice(2);
  const protoDir = path.join(ROOT, 'protos');
  if (argument === 'release') {
    fs.mkdirSync(path.dirname(RELEASED_FILE), { recursive: true });
    const note =
      'The contract as last released: what `npm run contract` compares protos/*.proto with. Made by `npm run contract -- release`; do not edit by hand.';
    fs.writeFileSync(
      RELEASED_FILE,
      `${JSON.stringify({ note, released: new Date().toISOString().slice(0, 10), contract: shapeOfFolder(protoDir) }, null, 2)}\n`,
    );
    console.log(
      `✔ released: ${path.relative(ROOT, RELEASED_FILE)} now holds the contract of ${PROTO_FILES.join(', ')}`,
    );
    return 0;
  }
  const folder = argument ? path.resolve(argument) : protoDir;
  let current: ContractShape;
  try {
    current = shapeOfFolder(folder);
  } catch (error) {
    console.error(`✘ cannot read the contract in ${folder}: ${(error as Error).message}`);
    return 1;
  }
  const shown = argument ?? 'protos/';
  const problems = breakingChanges(releasedShape(), current);
  const added = additions(releasedShape(), current);
  if (folder === protoDir) {
    // the Go user-service speaks user.proto through code generated from it: made from this one?
    const go = breakingChanges(shapeOfGoUserService(), current).concat(
      additions(shapeOfGoUserService(), current).map((a) => `${a} is not in the Go code yet`),
    );
    problems.push(
      ...go
        .filter((p) => /^(message |field |method |enum value )?user\./.test(p))
        .map((p) => `user-service-go/userpb is out of date: ${p} (regenerate it: user-service-go/README.md)`),
    );
  }
  if (problems.length > 0) {
    console.error(
      `✘ ${problems.length} breaking change${problems.length > 1 ? 's' : ''} in ${shown} against the released contract:`,
    );
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(
    `✔ ${shown}: no breaking change against the released contract${added.length ? `; added: ${added.join(', ')}` : ''}`,
  );
  return 0;
}

if (require.main === module) process.exit(main());
