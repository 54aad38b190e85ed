// One logger per process. Pretty lines by default; LOG_FORMAT=json for one JSON object per line
// (for log tools). Either way lines are written asynchronously, so logging never makes a request
// wait for the terminal. (Pretty formatting runs in-process rather than in pino's worker thread:
// a thread per process would cost about 30 MB and slow start-up, for a few microseconds a line.)
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

export function createLogger(service: string): Logger {
  const options = { base: { service }, level: process.env.LOG_LEVEL ?? 'info' };
  if (process.env.LOG_FORMAT === 'json') return pino(options, pino.destination({ sync: false }));
  return pino(
    options,
    // the message already says it all; the fields behind it are for LOG_FORMAT=json
    pretty({ ignore: 'pid,hostname,service,requestId,traceId,span', translateTime: 'HH:MM:ss.l', sync: false, destination: 1 }),
  );
}
