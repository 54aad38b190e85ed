// The lab: what the lessons are made of, beside the diagram rather than inside it. Each process
// plugs it in on one line: a service lists withLab(…) among its plug-ins (its index.ts), the gateway
// plugs in gatewayLab(…) (./gateway). Remove that line and the sandbox still works, exactly as the
// diagram draws it, without traces, step logs, fault injection or the fan-out mode. The lab reads
// its own settings (settings.ts). See README.md in this folder.
import type { PlugIn } from '@sandbox/protos';
import type { FaultTarget } from './faults';
import { clientInterceptor, labStep, serverInterceptor } from './grpc';
import type { Logger } from './log';
import { faultSettings, replicaName } from './settings';

export { createLogger, printable, type Logger, type LogSettings } from './log';
export type { FaultSettings } from './faults';
export type { Span } from './trace';
// the gateway's part (Express middleware and routes) is './gateway', so that the services do not load Express

/**
 * A service's lab, as a plug-in: a server interceptor around every call it serves, a client
 * interceptor around every call it makes, and its own steps traced and open to x-fault-*
 * (order-service's payment). `name`: the service, as the diagram names it ("order-service").
 */
export function withLab(name: string, log: Logger, env: NodeJS.ProcessEnv = process.env): PlugIn {
  const settings = { name, replica: replicaName(env), log, faults: faultSettings(env) };
  return {
    serverInterceptors: [serverInterceptor(settings)],
    clientInterceptors: (peer) => [clientInterceptor(name, peer)],
    step: (call, peer, stepName, diagramStep, work) =>
      labStep(settings, peer as FaultTarget, stepName, diagramStep)(call, work),
  };
}
