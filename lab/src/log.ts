// One logger per process, pino. Pretty lines by default; LOG_FORMAT=json for one JSON object per
// line (for log tools). Either way lines are written asynchronously, so logging never makes a
// request wait for the terminal.
//
// Why not pino-pretty: our messages already say everything ("a1b2c3d4 order-service step 3a
// GetUser id=1 → ok 2.1ms"), so a pretty line is just time, level and message. pino-pretty,
// general-purpose, costs far more per line, and in a worker thread of its own, start-up time and
// memory in every process (BENCHMARKS.md has the figures).
import pino from 'pino';
import SonicBoom from 'sonic-boom';
import { inspect } from 'node:util';
import { logSettings } from './settings';

export type Logger = pino.Logger;

/** How a process logs (each process's config.ts reads them: LOG_LEVEL, LOG_FORMAT, FORCE_COLOR). */
export interface LogSettings {
  level: string; // "info", "debug", "silent", …
  format: 'pretty' | 'json';
  colour: boolean; // pretty levels in colour: in a terminal, or with FORCE_COLOR
}

/** The process's logger; its settings from the environment unless given (settings.ts). */
export function createLogger(service: string, settings: LogSettings = logSettings()): Logger {
  const { level } = settings;
  const destination = oneWritePerTurn(standardOutput());
  if (settings.format === 'json') return pino({ base: { service }, level }, destination);
  // A pretty line shows only the time, the level and the message, so the fields that come with a
  // message (a span, say) are dropped before pino turns them into JSON; an error is kept for its stack.
  const onlyTheError = (fields: Record<string, unknown>) => (fields.err === undefined ? {} : { err: fields.err });
  return pino(
    {
      base: undefined,
      level,
      formatters: { log: onlyTheError },
      // Most lines are a message alone, or a message and fields that a pretty line drops (a span):
      // those are written here, as pino would not turn them into JSON only for prettyLine to read
      // them back (a step log line is written for every hop; BENCHMARKS.md). The rest go through pino.
      hooks: {
        logMethod(args, method, levelValue) {
          const [first, second] = args as unknown[];
          if (args.length === 1 && typeof first === 'string')
            return destination.write(pretty(Date.now(), levelValue, first, settings.colour));
          if (args.length === 2 && typeof second === 'string' && withoutError(first))
            return destination.write(pretty(Date.now(), levelValue, second, settings.colour));
          return method.apply(this, args);
        },
      },
    },
    { write: (line: string) => destination.write(prettyLine(line, settings.colour)) },
  );
}

// fields that carry no error: a plain object, or none
function withoutError(fields: unknown): boolean {
  return typeof fields === 'object' && fields !== null && !(fields instanceof Error) && !('err' in fields);
}

/**
 * Standard output, written asynchronously. Not pino.destination(): its SonicBoom (4.x) retries a
 * failed synchronous write every 100 ms for ever, whatever the error. When the launcher is killed
 * with `kill -9`, the reader of standard output is gone, every write fails (EPIPE), and a process
 * that exited with lines still queued slept at exit for ever: an orphan found after CI runs
 * (test/start.test.ts). SonicBoom 5 gives up on an error that a retry cannot cure.
 */
function standardOutput() {
  const stream = new SonicBoom({ fd: 1, sync: false });
  // a write that failed: nobody reads these lines any more (EPIPE), so the next ones are dropped
  stream.on('error', () => (standardOutputGone = true));
  return stream;
}
let standardOutputGone = false;

// If the process exits before the next turn (process.exit, a crash), what is left is written then.
const atExit = new Set<() => void>();
process.once('exit', () => {
  if (standardOutputGone) return;
  for (const flush of atExit) {
    try {
      flush();
    } catch {
      // nothing more can be done at exit
    }
  }
});

/**
 * Lines logged during one turn of the event loop go to the destination as one write. A busy
 * gateway finishes several requests per turn, and each asynchronous write has a fixed cost.
 */
function oneWritePerTurn(destination: SonicBoom) {
  let pending = '';
  const handOver = () => {
    if (pending !== '' && !standardOutputGone) destination.write(pending);
    pending = '';
  };
  atExit.add(() => {
    handOver();
    destination.flushSync();
  });
  return {
    write(line: string) {
      if (pending === '') setImmediate(handOver);
      pending += line;
    },
    flush(done: () => void) {
      handOver();
      destination.flush(done);
    },
  };
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, number> = { 10: 90, 20: 90, 30: 32, 40: 33, 50: 31, 60: 35 };
/** A line pino wrote as JSON, pretty: its message, and the stack of its error, if it carries one. */
function prettyLine(json: string, colour: boolean): string {
  const entry = JSON.parse(json) as { time: number; level: number; msg?: string; err?: { stack?: string } };
  const error = entry.err ? `\n${entry.err.stack ?? inspect(entry.err)}` : '';
  return pretty(entry.time, entry.level, entry.msg ?? '', colour, error);
}

/** "10:00:00.105 INFO: message" */
function pretty(time: number, levelValue: number, message: string, colour: boolean, error = ''): string {
  const level = LEVELS[levelValue] ?? String(levelValue);
  const shown = colour ? `\x1b[${COLOURS[levelValue] ?? 0}m${level}\x1b[0m` : level;
  return `${clockTime(time)} ${shown}: ${printable(message)}${error}\n`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A message as one safe line: control characters are shown escaped ("\n", "\u001b"), so text
 * a client sent (a name, a URL) cannot start a forged log line or recolour the terminal; and a
 * very long message is cut.
 */
export function printable(message: string): string {
  // a line with none (almost all of them) is not copied
  const escaped =
    message.search(CONTROL) === -1 ? message : message.replace(CONTROL, (c) => JSON.stringify(c).slice(1, -1));
  return escaped.length > 1000 ? `${escaped.slice(0, 1000)}…` : escaped;
}

// "10:00:00.105", local time (Date's toTimeString() would also name the time zone, slowly). The
// "10:00:00." of the second is kept: a busy process writes many lines a second.
let second = { start: -1, text: '' };
function clockTime(epochMs: number): string {
  const start = epochMs - (epochMs % 1000);
  if (start !== second.start) {
    const t = new Date(start);
    const two = (n: number) => String(n).padStart(2, '0');
    second = { start, text: `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}.` };
  }
  return `${second.text}${String(epochMs - start).padStart(3, '0')}`;
}
