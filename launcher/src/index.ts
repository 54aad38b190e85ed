// What a process run by `npm start`'s launcher plugs in (launcher/start.js runs it, over an IPC
// channel): the messages the launcher sends while it runs (a setting switched, the data reset, a
// service's replicas), and the end of the launcher, which must end the process too.
import type { PlugIn } from '@sandbox/protos';
import type { GrpcService, ServiceState } from '@sandbox/protos/src/server';
import { movable } from './replicas';

export { askLauncher, launcherControl, tellServices } from './control-client';
export { movable, moveChannels } from './replicas';

/**
 * A process's plug-in for its clients: their channels can be moved to a service's replicas while
 * they are in use (`npm run sandbox -- scale`, lesson 22; onLauncherMessage tells where).
 */
export function withReplicas(): PlugIn {
  return { channelOptions: (peer) => movable(peer) };
}

/** What `npm start`'s launcher tells a process while it runs (launcher/control.js). */
export interface LauncherMessage {
  id?: number; // answered with { done: id } once handled, so the launcher knows the change is in force
  // a setting changed at run time (the page, the CLI); *_service_addr: the service's replicas (lesson 22)
  settings?: { auth?: string; order_saga?: string; user_service_addr?: string; product_service_addr?: string };
  // npm run sandbox -- reset: a service builds its state again, as a start would (its index.ts), and
  // `settings` are npm start's; the gateway forgets its cached answers and puts back its switches
  reset?: boolean;
  newUserIds?: { from: number; to: number }; // with a reset, to a user-service: the ids of its new users from now on
}

// what this process does with the launcher's messages: the gateway has two (../../api-gateway/src)
const handlers: Array<(message: LauncherMessage) => unknown> = [];

/**
 * Calls `handle` with each message the launcher sends over the process's IPC channel. The launcher
 * hears that a message is handled once every `handle` of the process has returned (or its promise
 * has settled): one answer per message, whatever number of handlers.
 */
export function onLauncherMessage(handle: (message: LauncherMessage) => unknown): void {
  if (!process.channel) return; // not started by the launcher
  handlers.push(handle);
  if (handlers.length > 1) return; // the listener below calls it too
  process.on('message', (message: LauncherMessage) => {
    if (!message || typeof message !== 'object') return;
    // a change that takes a while (moving channels to replicas: lesson 22) is answered when it is
    // done; answered after the first handler alone, a scale ended while the gateway's channels were
    // still connecting, and the calls after it did not go to the replicas in turn
    void Promise.allSettled(handlers.map((each) => each(message))).then(
      () => message.id !== undefined && process.send?.({ done: message.id }, () => undefined),
    );
  });
  // listening for messages holds the channel open; the process must still end when its work does
  setImmediate(() => process.channel?.unref());
}

/**
 * `npm start`'s launcher talks to each process over an IPC channel. If the launcher ends in any
 * way, even by `kill -9`, the channel closes: then the process stops too, rather than keep its
 * port as an orphan that the next `npm start` would trip over. Also when the launcher ended while
 * this process was still starting, before it got here: then it stops at once.
 */
export function whenLauncherEnds(stop: () => void): void {
  if (!process.send) return; // not started by the launcher: no channel, ever
  if (!process.connected) return stop(); // started by one, whose channel has closed since
  process.channel?.unref(); // the channel alone does not keep the process running
  process.once('disconnect', stop);
}

/**
 * A reset in place (npm run sandbox -- reset: ../supervisor.js says why not a restart): `service`
 * serves `fresh`'s handlers from now on, on the same server, port and connections. The old state's
 * streams end, its timers and followers stop; a call in flight finishes with the old handlers, as a
 * stopping service lets it finish, and then nothing refers to the old state.
 */
export function serveAnew(service: GrpcService, fresh: ServiceState): void {
  service.stopChapters?.('reset');
  // both in one turn of the event loop: no call arrives in between to find no handler
  service.server.removeService(service.definition);
  service.server.addService(service.definition, fresh.handlers);
  service.stopChapters = fresh.stopChapters;
}
