// The standard bootstrap of a gRPC service, written once for user-, product- and order-service:
// register the handlers, health (grpc.health.v1) and reflection, bind, and shut down gently.
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import { loadServiceContract } from './contract';
import { GrpcError, REASON_TRAILER, SERVED_BY_TRAILER } from './errors';
import { serverInterceptors, type PlugIn } from './plug-ins';
import { exitAfterFlush, isEveryInterface, type Logger } from './process';

export type Handler<Request, Response> = (
  request: Request,
  call: grpc.ServerUnaryCall<Request, Response>,
) => Response | Promise<Response>;

/**
 * Adapts a plain (possibly async) function to grpc-js's callback style, answering exactly once.
 * A GrpcError is sent as it is; anything else is a bug: it is logged and the client gets a generic
 * INTERNAL, because grpc-js would otherwise send the raw message (or, for a rejected promise,
 * never answer at all). Every answer carries the x-served-by trailer (see errors.ts).
 */
export function unary<Request, Response>(
  handler: Handler<Request, Response>,
  service: { name: string; log: Logger },
): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const trailer = new grpc.Metadata();
    trailer.set(SERVED_BY_TRAILER, service.name);
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (response) => callback(null, response, trailer),
        (error: unknown) => {
          if (error instanceof GrpcError) {
            if (error.reason) trailer.set(REASON_TRAILER, error.reason);
            return callback({ code: error.code, details: error.details, metadata: trailer });
          }
          service.log.error({ err: error, rpc: call.getPath() }, 'handler failed');
          return callback({ code: grpc.status.INTERNAL, details: 'internal error', metadata: trailer });
        },
      );
  };
}

/** Why a service's chapters stop: the process stops, or a reset replaces them (serveAnew, @sandbox/launcher). */
export type StopReason = 'stopping' | 'reset';

/** What a service serves from its memory: its handlers, and what ends its chapters' streams, timers and followers. */
export interface ServiceState {
  handlers: grpc.UntypedServiceImplementation;
  stopChapters?: (why: StopReason) => void;
}

export interface GrpcServiceSpec extends ServiceState {
  protoFile: 'user.proto' | 'product.proto' | 'order.proto';
  serviceName: string; // fully qualified, e.g. "user.UserService"
  plugIns?: PlugIn[]; // work beside the diagram around every call (plug-ins.ts)
}

export interface GrpcService {
  server: grpc.Server;
  health: HealthImplementation;
  serviceName: string;
  definition: grpc.ServiceDefinition; // the RPCs that the handlers serve
  stopChapters?: (why: StopReason) => void;
}

export function createGrpcServer(spec: GrpcServiceSpec): GrpcService {
  const contract = loadServiceContract(spec.protoFile);
  const definition = contract[spec.serviceName] as grpc.ServiceDefinition;
  const server = new grpc.Server({ 'grpc.enable_channelz': 0, interceptors: serverInterceptors(spec.plugIns) }); // channelz: as CHANNEL_OPTIONS (client.ts)
  server.addService(definition, spec.handlers);
  // NOT_SERVING until bound: a health check never says yes before the port is open.
  const health = new HealthImplementation({ '': 'NOT_SERVING', [spec.serviceName]: 'NOT_SERVING' });
  health.addToServer(server);
  // grpcurl and Postman ask the server for its methods, so nobody needs the .proto files.
  new ReflectionService(contract).addToServer(server);
  return { server, health, serviceName: spec.serviceName, definition, stopChapters: spec.stopChapters };
}

export class PortInUseError extends Error {}

/** Binds host:port (port 0 picks a free one), marks the service SERVING, returns the bound port. */
export function listen(service: GrpcService, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    service.server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) {
        return reject(
          /EADDRINUSE|address already in use/i.test(error.message) ? new PortInUseError(error.message) : error,
        );
      }
      setServing(service, true);
      return resolve(boundPort);
    });
  });
}

function setServing(service: GrpcService, serving: boolean): void {
  const status = serving ? 'SERVING' : 'NOT_SERVING';
  service.health.setStatus('', status);
  service.health.setStatus(service.serviceName, status);
}

/** Health goes NOT_SERVING, new calls are refused, calls in flight get up to graceMs to finish. */
export function stop(service: GrpcService, graceMs: number): Promise<void> {
  setServing(service, false);
  service.stopChapters?.('stopping');
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      service.server.forceShutdown();
      resolve();
    }, graceMs);
    service.server.tryShutdown(() => {
      clearTimeout(deadline);
      resolve();
    });
  });
}

export interface RunOptions {
  name: string; // "user-service"
  host: string;
  port: number;
  portVariable: string; // the environment variable that sets the port, named in errors
  shutdownGraceMs: number;
  log: Logger;
}

/**
 * What a service's index.ts runs: listen, then stop cleanly on Ctrl-C (SIGINT) or SIGTERM.
 * A port that is taken is one clear line and exit code 1, not a stack trace. Resolves to a
 * function that stops the service for another reason (its launcher ended: @sandbox/launcher).
 */
export async function runGrpcService(service: GrpcService, options: RunOptions): Promise<(reason: string) => void> {
  const { log } = options;
  try {
    const port = await listen(service, options.host, options.port);
    log.info(`${options.name} listening on ${options.host}:${port}`);
    if (isEveryInterface(options.host)) {
      log.warn(
        `${options.name} listens on every interface (${options.host}): anyone on this network can call it directly`,
      );
    }
  } catch (error) {
    if (error instanceof PortInUseError) {
      log.fatal(
        `${options.name}: port ${options.port} is already in use; stop what uses it or set ${options.portVariable} to another port`,
      );
    } else {
      log.error({ err: error }, `${options.name} could not start`);
    }
    exitAfterFlush(log, 1);
    return () => undefined;
  }
  let stopping = false;
  const shutDown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${options.name} received ${signal}, finishing calls in flight`);
    await stop(service, options.shutdownGraceMs);
    log.info(`${options.name} stopped`);
    exitAfterFlush(log, 0);
  };
  // Ctrl-C in a terminal signals every process, and the launcher forwards it again: handle both.
  process.on('SIGINT', () => void shutDown('SIGINT'));
  process.on('SIGTERM', () => void shutDown('SIGTERM'));
  process.on('SIGHUP', () => void shutDown('SIGHUP')); // the terminal was closed
  return (reason) => void shutDown(reason);
}
