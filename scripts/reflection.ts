// gRPC server reflection, as grpcurl uses it: ask a server which services it has and for their
// descriptions, so a client needs no .proto file (npm run grpc, the conformance suite).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import path from 'node:path';
import { deadlineIn, LOADER_OPTIONS } from '../protos/src';

// v1, and v1alpha for servers that only have the older one (as grpcurl does): the Go
// user-service's grpc-go 1.33 (Debian's) has only v1alpha. The two have the same messages.
export const REFLECTION_VERSIONS = ['v1', 'v1alpha'] as const;
const reflectionProto = (version: string) =>
  path.join(
    path.dirname(require.resolve('@grpc/reflection/package.json')),
    `build/proto/grpc/reflection/${version}/reflection.proto`,
  );

export interface ReflectionReply {
  listServicesResponse?: { service: Array<{ name: string }> };
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] };
  errorResponse?: { errorMessage: string };
}

/** Asks the server's reflection service one question and returns the answer. */
export async function ask(address: string, question: object): Promise<ReflectionReply> {
  for (const version of REFLECTION_VERSIONS) {
    try {
      return await askWith(version, address, question);
    } catch (error) {
      if (
        (error as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED ||
        version === REFLECTION_VERSIONS[REFLECTION_VERSIONS.length - 1]
      )
        throw error;
    }
  }
  throw new Error('unreachable');
}

export function askWith(
  version: (typeof REFLECTION_VERSIONS)[number],
  address: string,
  question: object,
): Promise<ReflectionReply> {
  const definition = protoLoader.loadSync(reflectionProto(version), { keepCase: false, defaults: false, oneofs: true });
  const Reflection = grpc.loadPackageDefinition(definition).grpc as unknown as {
    reflection: Record<string, { ServerReflection: grpc.ServiceClientConstructor }>;
  };
  const client = new Reflection.reflection[version].ServerReflection(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const stream = client.serverReflectionInfo({ deadline: deadlineIn(5000) }) as grpc.ClientDuplexStream<
      object,
      ReflectionReply
    >;
    stream.once('data', (reply: ReflectionReply) => {
      stream.end();
      client.close();
      if (reply.errorResponse) reject(new Error(reply.errorResponse.errorMessage));
      else resolve(reply);
    });
    stream.once('error', (error) => {
      client.close();
      reject(error);
    });
    stream.write(question);
  });
}

export async function listServices(address: string): Promise<string[]> {
  const reply = await ask(address, { listServices: '' });
  return (reply.listServicesResponse?.service ?? []).map((s) => s.name);
}

/** The service's own description, turned into a package definition as if loaded from a .proto. */
export async function describe(address: string, serviceName: string): Promise<grpc.ServiceDefinition> {
  const reply = await ask(address, { fileContainingSymbol: serviceName });
  const files = reply.fileDescriptorResponse?.fileDescriptorProto ?? [];
  // a FileDescriptorSet is its files, each as field 1 (length-delimited) of one message
  const set = Buffer.concat(files.flatMap((file) => [Buffer.from([0x0a]), varint(file.length), file]));
  const definition = protoLoader.loadFileDescriptorSetFromBuffer(set, LOADER_OPTIONS);
  return definition[serviceName] as grpc.ServiceDefinition;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}
