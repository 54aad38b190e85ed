// The open GET /traces/stream connections (the browser page follows one each). A browser tab can
// stall (a laptop lid closed, a debugger paused) while requests keep coming, so:
//  - each trace is turned into text once, whoever listens, and the traces of one turn of the event
//    loop go to each stream in one write (a busy gateway finishes many requests per turn);
//  - a client that does not keep up is skipped while a small amount is already waiting for it,
//    and told how many traces it missed when it catches up (event: skipped);
//  - the number of open streams is capped, and so is each client's (traces-routes.ts refuses one
//    more with a clear answer);
//  - at shutdown every stream is ended first, so Ctrl-C does not wait for open tabs.
// Under load, once a second, it also says how many requests went untraced (event: untraced).
import type { Response } from 'express';
import type { TraceReport } from './http';
import type { UntracedCount } from './sampling';

// what may wait in memory for one slow client before its next traces are skipped
const MAX_WAITING_BYTES = 64 * 1024;

interface Subscriber {
  res: Response;
  skipped: number;
  sees?: (trace: TraceReport) => boolean; // which traces it may read (AUTH=required: its user's own)
  owner?: string; // whose it is ("user 1"), for the cap per client
  leave(): void; // no longer written to: out of the open streams, its keep-alive stopped
}

export class TraceStreams {
  private readonly open = new Set<Subscriber>();
  private pending: Array<{ trace: TraceReport; event: string }> = []; // the events of this turn, not yet written

  constructor(
    readonly max: number,
    readonly maxPerClient = 5,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** How many streams `owner` has open. */
  openFor(owner: string): number {
    let count = 0;
    for (const subscriber of this.open) if (subscriber.owner === owner) count += 1;
    return count;
  }

  /** Starts the event stream on `res` (traces-routes.ts has checked the caps). */
  accept(res: Response, sees?: (trace: TraceReport) => boolean, owner?: string): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': one event per traced request\n\n');
    // a comment now and then keeps proxies from closing a quiet stream
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const subscriber: Subscriber = {
      res,
      skipped: 0,
      sees,
      owner,
      leave: () => {
        clearInterval(keepAlive);
        this.open.delete(subscriber);
      },
    };
    this.open.add(subscriber);
    res.on('close', subscriber.leave);
  }

  /** Ends one stream with a last event that says why (`event: stream.ended`, as GET /api/events's). */
  end(res: Response, code: string, message: string): void {
    const subscriber = [...this.open].find((each) => each.res === res);
    if (!subscriber) return; // closed already
    subscriber.leave();
    res.end(`event: stream.ended\ndata: ${JSON.stringify({ code, message })}\n\n`);
  }

  publish(trace: TraceReport): void {
    if (this.open.size === 0) return;
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push({ trace, event: `event: trace\ndata: ${JSON.stringify(trace)}\n\n` });
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    const everything = events.map(({ event }) => event).join('');
    for (const subscriber of this.open) {
      const { sees } = subscriber;
      if (!sees) send(subscriber, everything, events.length);
      else {
        const seen = events.filter(({ trace }) => sees(trace));
        if (seen.length > 0) send(subscriber, seen.map(({ event }) => event).join(''), seen.length);
      }
    }
  }

  /**
   * Under load, how many requests of the last second went untraced (sampling.ts): `event: untraced`.
   * Counts of everyone's requests, so only to the streams that see every trace (not a user's own,
   * with AUTH=required).
   */
  untraced(count: UntracedCount): void {
    const event = `event: untraced\ndata: ${JSON.stringify(count)}\n\n`;
    for (const { res, sees } of this.open) if (!sees && res.writableLength <= MAX_WAITING_BYTES) res.write(event);
  }

  /** Ends every stream (at shutdown). */
  closeAll(): void {
    for (const { res, leave } of [...this.open]) {
      leave();
      res.end();
    }
  }
}

function send(subscriber: Subscriber, events: string, count: number): void {
  const { res } = subscriber;
  if (res.writableLength > MAX_WAITING_BYTES) {
    subscriber.skipped += count;
    return;
  }
  if (subscriber.skipped > 0) {
    res.write(`event: skipped\ndata: ${JSON.stringify({ count: subscriber.skipped })}\n\n`);
    subscriber.skipped = 0;
  }
  res.write(events);
}
