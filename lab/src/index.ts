// The lab: what the lessons are made of, beside the diagram rather than inside it. Each process
// plugs it in at one place (its index.ts, and the gateway's app.ts): remove those lines and the
// sandbox still works, exactly as the diagram draws it, without traces, step logs, fault injection
// or the fan-out mode. See README.md in this folder.
import type { Interceptor, ServerInterceptor } from '@grpc/grpc-js';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { FaultTarget } from './faults';
import { clientInterceptor, labStep, serverInterceptor, type LabServiceSettings } from './grpc';

export { createLogger, printable, type Logger, type LogSettings } from './log';
export type { FaultSettings } from './faults';
export type { Span } from './trace';
// the gateway's part (Express middleware and routes) is './gateway', so that the services do not load Express

export interface ServiceLab {
  serverInterceptors: ServerInterceptor[];
  clientInterceptors(peer: string): Interceptor[];
  // work done inside the service, traced and open to x-fault-*: order-service's payment
  step(peer: FaultTarget, name: string, diagramStep?: string): <T>(call: ServerUnaryCall<unknown, unknown>, work: () => T) => Promise<T>;
}

/** What a gRPC service plugs in: one server interceptor, and one client interceptor per peer it calls. */
export function serviceLab(settings: LabServiceSettings): ServiceLab {
  return {
    serverInterceptors: [serverInterceptor(settings)],
    clientInterceptors: (peer) => [clientInterceptor(settings.name, peer)],
    step: (peer, name, diagramStep) => labStep(settings, peer, name, diagramStep),
  };
}
