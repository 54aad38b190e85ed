// Under load, the gateway traces at most TRACES_PER_SECOND API requests a second (100 unless set),
// as tracing systems do in production (a "rate-limiting sampler"). A request beyond that is
// answered exactly the same, with its x-request-id, its deadline, its lab headers passed on and
// its calls cancelled if its client hangs up; but nothing records its hops: no spans, no step
// log lines, no Server-Timing, no kept trace. Its W3C traceparent tells the services so, in its
// last field: 01 is "sampled", 00 is not (trace.ts), and a service records nothing for a 00.
//
// Why: only the last 200 traces are kept, the page cannot draw thousands a second, and nobody
// reads thousands of log lines a second. At that rate, tracing every request was most of what the
// gateway did per request (BENCHMARKS.md); now it is paid for the requests a person can look at.
// Below the limit, which is every lesson and every class, every request is traced as before.
import type { Logger } from './log';

/** What one second of sampling came to: said in a log line, and to the pages following the traces. */
export interface UntracedCount {
  traced: number;
  untraced: number;
  tracesPerSecond: number;
}

export class TraceSampler {
  private traced = 0; // API requests traced in the current second
  private untraced = 0; // and answered untraced, beyond the limit
  private second: NodeJS.Timeout | undefined; // ends the current second: counts start again

  constructor(
    readonly perSecond: number,
    private readonly log: Logger,
    private readonly tell: (count: UntracedCount) => void = () => undefined, // the page (gateway.ts)
  ) {}

  /** Whether the API request arriving now is traced: one of the first `perSecond` of its second. */
  take(): boolean {
    // a second begins with the first request after the last one ended (so an idle gateway has no timer)
    this.second ??= setTimeout(() => this.endSecond(), 1000).unref();
    if (this.traced < this.perSecond) {
      this.traced += 1;
      return true;
    }
    this.untraced += 1;
    return false;
  }

  // one line a second while requests go untraced, so that nobody wonders where their lines went
  private endSecond(): void {
    if (this.untraced > 0) {
      const count = { traced: this.traced, untraced: this.untraced, tracesPerSecond: this.perSecond };
      const requests = (n: number) => `${n} API request${n === 1 ? '' : 's'}`;
      // the counts as fields too, for a log tool (LOG_FORMAT=json)
      this.log.info(
        count,
        `api-gateway traced ${count.traced} of ${requests(count.traced + count.untraced)} in the last second (TRACES_PER_SECOND=${count.tracesPerSecond}); ${count.untraced} answered untraced: no trace, step log lines or Server-Timing`,
      );
      this.tell(count);
    }
    this.traced = 0;
    this.untraced = 0;
    this.second = undefined;
  }
}
