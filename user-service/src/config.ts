import { serviceAuth, type ServiceAuth } from '@sandbox/gateway-secret';

// Every environment variable user-service reads, with a default that works for `npm start`. The lab
// reads its own (LOG_LEVEL, LOG_FORMAT, FAULT_INJECTION…: lab/src/settings.ts).
export interface Config {
  host: string;
  port: number;
  replicaName: string | undefined;
  shutdownGraceMs: number;
  auth: ServiceAuth;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // The interface to listen on; docker-compose sets 0.0.0.0 so other containers can reach it.
    host: env.USER_SERVICE_HOST ?? '127.0.0.1',
    // DIAGRAM: user-service is on port 50051.
    port: Number(env.USER_SERVICE_PORT ?? 50051),
    // REPLICA_NAME: this process's name when user-service runs as several (npm run sandbox -- scale,
    // lesson 22): "user-service-2". Its log lines and the trace say which replica answered.
    replicaName: env.REPLICA_NAME || undefined,
    // How long calls in flight may take to finish after SIGINT/SIGTERM.
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 5000),
    // AUTH=required (tutorial lesson 11): serve only calls that carry GATEWAY_SECRET, the secret
    // every process of the sandbox shares (npm start makes one). The page and the CLI switch it at run time.
    auth: serviceAuth(env.AUTH, env.GATEWAY_SECRET),
  };
}
