import { readFaultSettings, type FaultSettings } from '@sandbox/protos';

// Every environment variable user-service reads, with a default that works for `npm start`.
export interface Config {
  host: string;
  port: number;
  shutdownGraceMs: number;
  faults: FaultSettings;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // The interface to listen on; docker-compose sets 0.0.0.0 so other containers can reach it.
    host: env.USER_SERVICE_HOST ?? '127.0.0.1',
    // DIAGRAM: user-service is on port 50051.
    port: Number(env.USER_SERVICE_PORT ?? 50051),
    // How long calls in flight may take to finish after SIGINT/SIGTERM.
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 5000),
    // FAULT_INJECTION=off ignores x-fault-* metadata; FAULT_MAX_DELAY_MS caps the delays (10000).
    faults: readFaultSettings(env),
  };
}
