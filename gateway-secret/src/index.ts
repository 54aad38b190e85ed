// AUTH=required (tutorial lesson 11): the services take calls only from inside the sandbox. Every
// process of one sandbox knows one shared secret (GATEWAY_SECRET; `npm start` makes a new one at
// each start). The gateway, and order-service for its lookups, send it as the metadata
// x-gateway-secret; each service checks it before any handler runs, so a direct call without it
// (grpcurl, `npm run grpc`, a program on the network) gets UNAUTHENTICATED. With the secret travels
// who the call is for, from the token the gateway checked: x-user-id and x-user-role.
//
// What this protects, and what it does not: it stops a caller who does not know the secret. Anyone
// who can read the processes' environment, or the traffic (it is not encrypted), has it, and one
// leak opens every service. Production systems give each service its own identity instead: mutual
// TLS (a certificate per service, as a service mesh issues them) or a signed token per call.
import * as grpc from '@grpc/grpc-js';
import { timingSafeEqual } from 'node:crypto';
import { ConfigError, SERVED_BY_TRAILER, type PlugIn } from '@sandbox/protos';

export const GATEWAY_SECRET_KEY = 'x-gateway-secret';
export const USER_ID_KEY = 'x-user-id';
export const USER_ROLE_KEY = 'x-user-role';

/** A service's setting: changed at run time by the launcher (`onLauncherMessage`), hence an object. */
export interface ServiceAuth {
  required: boolean; // AUTH=required
  secret: string | undefined; // GATEWAY_SECRET
}

/** A service's AUTH (off or required) and GATEWAY_SECRET, as its config.ts reads them. */
export function serviceAuth(auth: string | undefined, gatewaySecret: string | undefined): ServiceAuth {
  const required = parseAuthMode(auth) === 'required';
  const secret = gatewaySecret || undefined;
  if (required && !secret)
    throw new ConfigError('AUTH=required needs GATEWAY_SECRET, the secret the gateway sends (npm start makes one)');
  return { required, secret };
}

/** "off" (the default) or "required"; anything else is a ConfigError that says what would work. */
export function parseAuthMode(value: string | undefined): 'off' | 'required' {
  if (value === undefined || value === '' || value === 'off') return 'off';
  if (value === 'required') return 'required';
  throw new ConfigError(`AUTH must be off or required, not ${JSON.stringify(value.slice(0, 40))}`);
}

/** A service's plug-in: with `auth.required`, a call without the right x-gateway-secret is refused. */
export function gatewayOnly(auth: ServiceAuth, serviceName: string): PlugIn {
  return { serverInterceptors: [onlyWithTheSecret(auth, serviceName)] };
}

/** A service's plug-in for the calls it makes itself (order-service's lookups): the secret goes along. */
export function passGatewaySecret(auth: ServiceAuth): PlugIn {
  const send = sendGatewaySecret(auth.secret);
  return { clientInterceptors: () => [send] };
}

function onlyWithTheSecret(auth: ServiceAuth, serviceName: string): grpc.ServerInterceptor {
  return (method, call) => {
    // health checks and reflection stay open: containers, `npm run grpc -- … list` and the
    // gateway's GET /health use them, and they hold no data
    if (method.path.startsWith('/grpc.')) return new grpc.ServerInterceptingCall(call);
    let allowed = true;
    const intercepting: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata, nextMetadata) {
            allowed = !auth.required || isSecret(metadata.get(GATEWAY_SECRET_KEY)[0], auth.secret);
            nextMetadata(metadata);
          },
          // the handler runs after this: a refused call never reaches it
          onReceiveHalfClose(nextHalfClose) {
            if (allowed) return nextHalfClose();
            const trailer = new grpc.Metadata();
            trailer.set(SERVED_BY_TRAILER, serviceName); // our own words: safe to pass on (errors.ts)
            intercepting.sendStatus({
              code: grpc.status.UNAUTHENTICATED,
              metadata: trailer,
              details: `${serviceName} takes calls only from the gateway (AUTH=required): send the sandbox's secret as the metadata ${GATEWAY_SECRET_KEY}`,
            });
          },
        });
      },
    });
    return intercepting;
  };
}

// compared in constant time, so the time an answer takes says nothing about how much of it was right
function isSecret(sent: grpc.MetadataValue | undefined, secret: string | undefined): boolean {
  if (typeof sent !== 'string' || !secret) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The caller side: every call carries the secret (when there is one), whatever the mode. A call
 * made while serving another (order-service's lookups: `parent`) passes its user on, so the user
 * travels down every hop.
 */
export function sendGatewaySecret(secret: string | undefined): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        if (secret) metadata.set(GATEWAY_SECRET_KEY, secret);
        const served = (options.parent as { metadata?: grpc.Metadata } | undefined)?.metadata;
        for (const key of [USER_ID_KEY, USER_ROLE_KEY]) {
          const [value] = served?.get(key) ?? [];
          if (value !== undefined && !metadata.get(key).length) metadata.set(key, value);
        }
        next(metadata, listener);
      },
    });
}
