// How every process starts and ends, the gateway too; server.ts holds what only the services load.

/** What the bootstrap logs with: pino's logger fits, and so does `console`. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(fields: object, message: string): void;
  fatal(message: string): void;
  flush?(done: () => void): void;
}

/** A setting that cannot work, e.g. AUTH=maybe: said in one line at start, before anything listens. */
export class ConfigError extends Error {}

/** Reads a process's config; a ConfigError is one line on standard error and exit code 1. */
export function readConfigOrExit<Config>(name: string, read: () => Config): Config {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${name} cannot start: ${error.message}`);
    process.exit(1);
  }
}

/** 0.0.0.0 and :: listen on every interface: reachable from the whole network. */
export function isEveryInterface(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * Lets the logger write what it holds (pino writes asynchronously), then ends the process. At most
 * a second: when standard output is a pipe whose reader has gone (a launcher killed, a test worker
 * that ended), the flush may never call back, and the process would live on with no port, as an
 * orphan nobody stops (found after a CI run: a product-service asleep for minutes).
 */
export function exitAfterFlush(log: Logger, code: number): void {
  if (!log.flush) return process.exit(code);
  setTimeout(() => process.exit(code), 1000);
  log.flush(() => process.exit(code));
}
