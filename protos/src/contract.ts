// Loads the contract (the .proto files) with ONE set of options, used by every process and by
// the type generator (scripts/generate-types.ts), so the generated types match what is loaded.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import path from 'node:path';
import type { ProtoGrpcType as HealthProto } from '../generated/health';
import type { ProtoGrpcType as OrderProto } from '../generated/order';
import type { ProtoGrpcType as ProductProto } from '../generated/product';
import type { ProtoGrpcType as UserProto } from '../generated/user';

export const PROTO_DIR = path.join(__dirname, '..');
export const PROTO_FILES = ['user.proto', 'product.proto', 'order.proto'];
// grpc.health.v1 comes with grpc-health-check; we load it from there rather than copying it. Found
// by its package's folder, not by importing the package: that would parse the file a second time
// (the package loads it for its own server), and a client (the gateway, npm run grpc) needs none.
export const HEALTH_PROTO_DIR = path.join(path.dirname(require.resolve('grpc-health-check/package.json')), 'proto');
export const HEALTH_PROTO_FILE = 'health/v1/health.proto';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false, // user_id in the .proto is userId in TypeScript and in the gateway's JSON
  longs: String,
  enums: String,
  defaults: true, // a field that was not sent reads as its zero value ("" or 0), never undefined
};

function load(files: string[]): protoLoader.PackageDefinition {
  return protoLoader.loadSync(files, { ...LOADER_OPTIONS, includeDirs: [PROTO_DIR, HEALTH_PROTO_DIR] });
}

/** One service's contract plus grpc.health.v1: what a server registers and reflects. */
export function loadServiceContract(
  protoFile: 'user.proto' | 'product.proto' | 'order.proto',
): protoLoader.PackageDefinition {
  return load([protoFile, HEALTH_PROTO_FILE]);
}

export type Contract = UserProto & ProductProto & OrderProto & HealthProto;

let contract: Contract | undefined;

/** Every service's contract, typed: what clients are made from. Read once per process, however many ask. */
export function loadContract(): Contract {
  contract ??= grpc.loadPackageDefinition(load([...PROTO_FILES, HEALTH_PROTO_FILE])) as unknown as Contract;
  return contract;
}
