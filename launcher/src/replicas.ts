// A service run as several processes (replicas): `npm run sandbox -- scale product-service 2`,
// tutorial lesson 22. A gRPC channel asks a *resolver* for the addresses behind its target, and
// its load-balancing policy (round_robin, in CHANNEL_OPTIONS) spreads the calls over them. In
// Kubernetes the resolver is DNS, which lists the replicas' addresses; in the sandbox the launcher
// tells each caller the service's new target ("ipv4:127.0.0.1:50052,127.0.0.1:41234"), and every
// channel the caller has to that service moves there. The clients built on those channels do not
// change, and a call already on its way finishes where it is.
import * as grpc from '@grpc/grpc-js';

// every movable channel of this process, by the service it reaches
const channelsTo = new Map<string, Set<MovableChannel>>();

/**
 * Client options that make the client's channel to `service` movable (moveChannels). Usage:
 *   new contract.product.ProductService(address, credentials, { ...CHANNEL_OPTIONS, ...movable('product-service') })
 */
export function movable(service: string): Pick<grpc.ClientOptions, 'channelFactoryOverride'> {
  return {
    channelFactoryOverride: (target, credentials, options) => {
      const channel = new MovableChannel(target, credentials, options, () => channelsTo.get(service)?.delete(channel));
      if (!channelsTo.has(service)) channelsTo.set(service, new Set());
      channelsTo.get(service)?.add(channel);
      return channel;
    },
  };
}

/**
 * Moves every channel of this process to `service` to `target`. Resolves once each of the
 * target's addresses is connected (or after `timeoutMs`, for one that does not answer), so that the
 * next calls are spread over all of them. An address that has not answered by then is named through
 * `warn`: until it answers, round_robin sends its share of the calls to the others.
 */
export async function moveChannels(
  service: string,
  target: string,
  warn: (message: string) => void,
  timeoutMs = 3000,
): Promise<void> {
  const channels = [...(channelsTo.get(service) ?? [])];
  for (const channel of channels) channel.moveTo(target);
  const late = await Promise.all(channels.map((channel) => channel.connected(timeoutMs)));
  for (const address of new Set(late.flat())) {
    warn(
      `${service} at ${address} had not answered ${timeoutMs / 1000} s after its callers moved to ${target}: the calls go to the others until it does`,
    );
  }
}

/**
 * A channel (grpc.ChannelInterface: what grpc-js's clients call through) that passes everything to the
 * channel of its current target, and can change that target while it is in use.
 */
class MovableChannel implements grpc.ChannelInterface {
  private current: grpc.Channel;

  constructor(
    target: string,
    private readonly credentials: grpc.ChannelCredentials,
    private readonly options: grpc.ChannelOptions,
    private readonly onClose: () => void,
  ) {
    this.current = new grpc.Channel(target, credentials, options);
  }

  /** To `target`, on a new channel: also to the same target, to reconnect to a replica that restarted. */
  moveTo(target: string): void {
    const previous = this.current;
    this.current = new grpc.Channel(target, this.credentials, this.options);
    this.current.getConnectivityState(true); // connect to every address now, not at the first call
    // a call waiting for a connection on the previous channel would fail if it closed at once
    setTimeout(() => previous.close(), 10_000).unref();
  }

  /**
   * Resolves once the calls through this channel go to every address of the current target in
   * turn: the latest health checks, one per address, were answered by all of them (each call names
   * its peer). round_robin sends each call to the next *connected* address, so an address that
   * answered once but is not among the latest answers has dropped out of the turn again. Or
   * resolves `timeoutMs` later, with the addresses that have not answered.
   */
  async connected(timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const addresses = addressesOf(this.current.getTarget());
    const waiting = new Set(addresses);
    const latest: string[] = [];
    const client = new grpc.Client(this.current.getTarget(), this.credentials, { channelOverride: this.current });
    while (addresses.length > 0 && Date.now() < deadline) {
      const peer = await healthCheck(client, deadline);
      if (!peer) {
        await new Promise((resolve) => setTimeout(resolve, 25)); // no address connected yet
        continue;
      }
      waiting.delete(peer);
      latest.push(peer);
      if (latest.length > addresses.length) latest.shift();
      if (waiting.size === 0 && new Set(latest).size === addresses.length) break;
    }
    return [...waiting];
  }

  close(): void {
    this.current.close();
    this.onClose();
  }
  getTarget(): string {
    return this.current.getTarget();
  }
  getConnectivityState(tryToConnect: boolean): grpc.connectivityState {
    return this.current.getConnectivityState(tryToConnect);
  }
  watchConnectivityState(
    state: grpc.connectivityState,
    deadline: grpc.Deadline,
    callback: (error?: Error) => void,
  ): void {
    this.current.watchConnectivityState(state, deadline, callback);
  }
  getChannelzRef(): ReturnType<grpc.ChannelInterface['getChannelzRef']> {
    return this.current.getChannelzRef();
  }
  createCall(
    ...args: Parameters<grpc.ChannelInterface['createCall']>
  ): ReturnType<grpc.ChannelInterface['createCall']> {
    return this.current.createCall(...args);
  }
}

/** "ipv4:127.0.0.1:50052,127.0.0.1:41234" → ["127.0.0.1:50052", "127.0.0.1:41234"]; other targets: none to wait for. */
function addressesOf(target: string): string[] {
  return target.startsWith('ipv4:') ? target.slice('ipv4:'.length).split(',') : [];
}

/** One grpc.health.v1 Check (every service answers it, AUTH or not); resolves the peer that answered, if one did. */
function healthCheck(client: grpc.Client, deadline: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const empty = () => Buffer.alloc(0); // HealthCheckRequest {}: the server as a whole
    const call = client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      empty,
      (bytes: Buffer) => bytes,
      {},
      new grpc.Metadata(),
      { deadline },
      (error) => {
        resolve(error ? undefined : call.getPeer());
      },
    );
  });
}
