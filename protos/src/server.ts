// The standard bootstrap of a gRPC service, written once for user-, product- and order-service:
// register the handlers, health (grpc.health.v1) and reflection, bind, and shut down gently.
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import { loadServiceContract } from './contract';
import { GrpcError } from './errors';
import { SERVED_BY_TRAILER } from './client';
import { applyFaults, type FaultSettings, type FaultTarget } from './faults';
import { describeMessage, encodeSpans, now, RequestTrace, TRACE_TRAILER } from './trace';
import type { Logger } from './log';

/** Who is answering (for trailers and logs), and whether it obeys fault-injection metadata. */
export interface ServiceContext {
  name: 'user-service' | 'product-service' | 'order-service';
  log: Logger;
  faults: FaultSettings;
}

export type Handler<Request, Response> = (
  request: Request,
  call: grpc.ServerUnaryCall<Request, Response>,
) => Response | Promise<Response>;

// The trace of each call being served, so the handler's own calls (order-service's lookups) can
// join it: traceOf(call).
const traces = new WeakMap<object, RequestTrace>();

export function traceOf(call: object): RequestTrace {
  const trace = traces.get(call);
  if (!trace) throw new Error('traceOf: this call was not received through unary()');
  return trace;
}

/**
 * Adapts a plain (possibly async) function to grpc-js's callback style, answering exactly once.
 * Around the handler: fault injection before it, and after it a span and a log line for the hop,
 * sent back to the caller in the trailers with the spans of any calls the handler made.
 * A GrpcError is sent as it is; anything else is a bug: it is logged and the client gets a generic
 * INTERNAL, because grpc-js would otherwise send the raw message (or, for a rejected promise,
 * never answer at all).
 */
export function unary<Request, Response>(
  handler: Handler<Request, Response>,
  context: ServiceContext,
): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const trace = RequestTrace.fromMetadata(call.metadata, context.name, context.log);
    traces.set(call, trace);
    const started = now();

    const finish = (status: grpc.status): grpc.Metadata => {
      trace.record({
        spanId: trace.spanId,
        parentId: trace.parentId,
        kind: 'server',
        step: trace.step,
        name: call.getPath().split('/').pop() ?? '',
        detail: describeMessage(call.request),
        start: started,
        durationMs: now() - started,
        status: grpc.status[status],
      });
      const trailer = servedBy(context.name);
      trailer.set(TRACE_TRAILER, encodeSpans(trace.spans));
      return trailer;
    };

    Promise.resolve()
      .then(() => applyFaults(call, faultTarget(context.name), context.name, context.faults))
      .then(() => handler(call.request, call))
      .then(
        (response) => callback(null, response, finish(grpc.status.OK)),
        (error: unknown) => {
          if (error instanceof GrpcError) return callback({ code: error.code, details: error.details, metadata: finish(error.code) });
          context.log.error({ err: error, rpc: call.getPath() }, 'handler failed');
          return callback({ code: grpc.status.INTERNAL, details: 'internal error', metadata: finish(grpc.status.INTERNAL) });
        },
      );
  };
}

// "user-service" obeys faults addressed to "user"
function faultTarget(name: ServiceContext['name']): FaultTarget {
  return name.replace(/-service$/, '') as FaultTarget;
}

// Every answer of ours carries this trailer. A caller that sees it knows the status and message
// were written by our handler for clients to read; an error without it was made by grpc-js itself
// (connection refused, deadline…) and its message may name internal addresses (see client.ts).
function servedBy(name: string): grpc.Metadata {
  const trailer = new grpc.Metadata();
  trailer.set(SERVED_BY_TRAILER, name);
  return trailer;
}

export interface GrpcServiceSpec {
  protoFile: 'user.proto' | 'product.proto' | 'order.proto';
  serviceName: string; // fully qualified, e.g. "user.UserService"
  handlers: grpc.UntypedServiceImplementation;
}

export interface GrpcService {
  server: grpc.Server;
  health: HealthImplementation;
  serviceName: string;
}

export function createGrpcServer(spec: GrpcServiceSpec): GrpcService {
  const definition = loadServiceContract(spec.protoFile);
  const server = new grpc.Server({ 'grpc.enable_channelz': 0 }); // as CHANNEL_OPTIONS (client.ts)
  server.addService(definition[spec.serviceName] as grpc.ServiceDefinition, spec.handlers);
  // NOT_SERVING until bound: a health check never says yes before the port is open.
  const health = new HealthImplementation({ '': 'NOT_SERVING', [spec.serviceName]: 'NOT_SERVING' });
  health.addToServer(server);
  // grpcurl and Postman ask the server for its methods, so nobody needs the .proto files.
  new ReflectionService(definition).addToServer(server);
  return { server, health, serviceName: spec.serviceName };
}

export class PortInUseError extends Error {}

/** Binds host:port (port 0 picks a free one), marks the service SERVING, returns the bound port. */
export function listen(service: GrpcService, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    service.server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) {
        return reject(/EADDRINUSE|address already in use/i.test(error.message) ? new PortInUseError(error.message) : error);
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
 * A port that is taken is one clear line and exit code 1, not a stack trace.
 */
export async function runGrpcService(service: GrpcService, options: RunOptions): Promise<void> {
  const { log } = options;
  try {
    const port = await listen(service, options.host, options.port);
    log.info(`${options.name} listening on ${options.host}:${port}`);
    if (isEveryInterface(options.host)) {
      log.warn(`${options.name} listens on every interface (${options.host}): anyone on this network can call it directly`);
    }
  } catch (error) {
    if (error instanceof PortInUseError) {
      log.fatal(`${options.name}: port ${options.port} is already in use; stop what uses it or set ${options.portVariable} to another port`);
    } else {
      log.fatal({ err: error }, `${options.name} could not start`);
    }
    return exitAfterFlush(log, 1);
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
  whenLauncherEnds(() => void shutDown('the end of its launcher'));
}

/**
 * `npm start`'s launcher talks to each process over an IPC channel. If the launcher ends in any
 * way, even by `kill -9`, the channel closes: then the process stops too, rather than keep its
 * port as an orphan that the next `npm start` would trip over.
 */
export function whenLauncherEnds(stop: () => void): void {
  if (!process.channel) return; // not started by the launcher
  process.channel.unref(); // the channel alone does not keep the process running
  process.once('disconnect', stop);
}

/** 0.0.0.0 and :: listen on every interface: reachable from the whole network. */
export function isEveryInterface(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** pino writes from a worker thread: let it flush before the process ends. */
export function exitAfterFlush(log: Logger, code: number): void {
  log.flush(() => process.exit(code));
}
