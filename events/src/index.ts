// Events over a gRPC server stream, with no broker (tutorial lesson 18). A service publishes to its
// EventLog; a caller of its Watch… RPC gets the events kept after the sequence it asks for, then,
// if it follows, every new one as it happens.
//
//   sequence   1, 2, 3, … from the service's start: resume with after_sequence = the last you saw
//   kept       the last KEPT_EVENTS events only: memory stays bounded however long a class runs
//   slow       a subscriber that stops reading is written to no further (gRPC's flow control holds
//              what is already sent); it catches up from the log when it reads again, or is ended
//              with OUT_OF_RANGE once the events it missed are no longer kept. It never makes the
//              service hold more than the log.
import * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { ConfigError, GrpcError, SERVED_BY_TRAILER } from '@sandbox/protos';

export const KEPT_EVENTS = 1000;

/** EVENTS_KEPT: how many events a service keeps for subscribers to resume from (default 1000). */
export function eventsKept(value: string | undefined): number {
  if (value === undefined || value === '') return KEPT_EVENTS;
  const count = Number(value);
  if (!/^\d{1,7}$/.test(value) || count < 1)
    throw new ConfigError(
      `EVENTS_KEPT must be a whole number of events from 1 to 9999999; not ${JSON.stringify(value.slice(0, 40))}`,
    );
  return count;
}

export interface LoggedEvent {
  sequence: number;
  type: string;
  at: string; // ISO 8601
}

export interface WatchRequest {
  afterSequence: number;
  follow: boolean;
}

type Writer<E> = grpc.ServerWritableStream<WatchRequest, E>;

export class EventLog<E extends LoggedEvent> {
  private readonly kept: E[] = [];
  private last = 0;
  private readonly watchers = new Set<() => void>(); // each: "there is something new"
  private readonly enders = new Set<(why: 'stopping' | 'reset') => void>(); // each ends one follower's stream

  constructor(
    private readonly service: string, // "order-service": who answers, in the errors' trailer
    private readonly capacity = KEPT_EVENTS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get lastSequence(): number {
    return this.last;
  }

  get watching(): number {
    return this.watchers.size;
  }

  publish(fields: Omit<E, 'sequence' | 'at'>): E {
    const event = { sequence: ++this.last, at: this.now().toISOString(), ...fields } as E;
    this.kept.push(event);
    if (this.kept.length > this.capacity) this.kept.shift();
    for (const wake of this.watchers) wake();
    return event;
  }

  /** The events kept after `after`; OUT_OF_RANGE for a sequence from the future or no longer kept. */
  since(after: number): E[] {
    if (!Number.isInteger(after) || after < 0)
      throw outOfRange(`after_sequence must be a whole number from 0 to ${this.last}`);
    if (after > this.last)
      throw outOfRange(`${this.service}'s event ${after} is in the future: its last event is ${this.last}`);
    const oldest = this.kept[0]?.sequence ?? this.last + 1;
    if (after !== 0 && after < oldest - 1) {
      throw outOfRange(
        `the events after ${after} are no longer kept (only the last ${this.capacity}): watch again from after_sequence ${oldest - 1}, or 0 for all that is kept`,
      );
    }
    return this.kept.filter((event) => event.sequence > after);
  }

  /**
   * Serves one Watch… call: the events kept after request.afterSequence, then (if request.follow)
   * every new one until the caller hangs up. Writes only while the stream takes them.
   */
  serve(call: Writer<E>): void {
    let sent: number;
    try {
      const backlog = this.since(call.request.afterSequence);
      sent = call.request.afterSequence;
      // headers now: the caller knows the stream is open before any event comes (api-gateway's
      // GET /api/events answers 200 only then)
      call.sendMetadata(new grpc.Metadata());
      if (!call.request.follow) {
        for (const event of backlog) call.write(event);
        call.end();
        return;
      }
    } catch (error) {
      return void call.emit('error', this.statusOf(error));
    }
    let blocked = false;
    const catchUp = () => {
      if (blocked) return; // it reads again on 'drain'
      let events: E[];
      try {
        events = this.since(sent);
      } catch (error) {
        stop();
        const details =
          error instanceof GrpcError ? `this watcher fell too far behind; ${error.details}` : 'internal error';
        return void call.emit('error', this.statusOf(new GrpcError(status.OUT_OF_RANGE, details)));
      }
      for (const event of events) {
        sent = event.sequence;
        if (!call.write(event)) {
          blocked = true;
          return;
        }
      }
    };
    const drained = () => {
      blocked = false;
      catchUp();
    };
    const stop = () => {
      this.watchers.delete(catchUp);
      this.enders.delete(end);
      call.off('drain', drained);
    };
    const end = (why: 'stopping' | 'reset') => {
      stop();
      // UNAVAILABLE either way, as a stream cut by a restart ends: a follower watches again, and
      // after a reset the events begin at 1 again, so it starts from the beginning
      const details =
        why === 'reset'
          ? `${this.service} was reset: its events begin again at 1; watch again from after_sequence 0`
          : `${this.service} is stopping; watch again from after_sequence ${sent}`;
      call.emit('error', this.statusOf(new GrpcError(status.UNAVAILABLE, details)));
    };
    this.watchers.add(catchUp);
    this.enders.add(end);
    call.on('drain', drained);
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
    catchUp();
  }

  /**
   * Ends every follower's stream (the service is stopping, or its data was reset and this log with
   * it): streams never end by themselves.
   */
  close(why: 'stopping' | 'reset' = 'stopping'): void {
    for (const end of [...this.enders]) end(why);
  }

  // our own words, marked as ours (errors.ts: toSafeError passes them on as they are)
  private statusOf(error: unknown): Partial<grpc.StatusObject> {
    const metadata = new grpc.Metadata();
    metadata.set(SERVED_BY_TRAILER, this.service);
    if (error instanceof GrpcError) return { code: error.code, details: error.details, metadata };
    return { code: status.INTERNAL, details: 'internal error', metadata };
  }
}

function outOfRange(details: string): GrpcError {
  return new GrpcError(status.OUT_OF_RANGE, details);
}
