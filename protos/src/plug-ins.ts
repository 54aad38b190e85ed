// What a chapter beside the diagram adds to every gRPC call a process serves or makes: the lab's
// traces and fault injection (lab/), the sandbox's secret with AUTH=required (gateway-secret/), a
// service's replicas (launcher/). A process lists its plug-ins once, in its index.ts; the diagram's
// code builds its server and clients the plain way, and gets them through here.
import type * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS } from './client';

type ServedCall = grpc.ServerUnaryCall<unknown, unknown>;

export interface PlugIn {
  serverInterceptors?: grpc.ServerInterceptor[]; // around every call the process serves
  clientInterceptors?: (peer: string) => grpc.Interceptor[]; // around every call it makes to `peer`
  channelOptions?: (peer: string) => Partial<grpc.ClientOptions>; // how its channel to `peer` is made
  // around work a service does inside itself (order-service's payment): the lab traces and breaks it
  step?: <T>(call: ServedCall, peer: string, name: string, diagramStep: string, work: () => T) => Promise<T>;
}

/** The interceptors around every call served: the first plug-in's are the outermost. */
export function serverInterceptors(plugIns: PlugIn[] = []): grpc.ServerInterceptor[] {
  return plugIns.flatMap((plugIn) => plugIn.serverInterceptors ?? []);
}

/** A client's options for its calls to `peer`: the channel options of every process, and the plug-ins'. */
export function clientOptions(peer: string, plugIns: PlugIn[] = []): grpc.ClientOptions {
  const channels = plugIns.map((plugIn) => plugIn.channelOptions?.(peer) ?? {});
  return Object.assign({ ...CHANNEL_OPTIONS }, ...channels, {
    interceptors: plugIns.flatMap((plugIn) => plugIn.clientInterceptors?.(peer) ?? []),
  });
}
