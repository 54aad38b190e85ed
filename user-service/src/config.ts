import { ConfigError } from '@sandbox/protos';
import { serviceAuth, type ServiceAuth } from '@sandbox/gateway-secret';
import { DEFAULT_HASH_COST, HIGHEST_HASH_COST, isHashCost, LOWEST_HASH_COST } from './passwords';
import { SEED_USERS } from './seed';
import { LARGEST_ID, type IdBlock } from './store';

// Every environment variable user-service reads, with a default that works for `npm start`. The lab
// reads its own (LOG_LEVEL, LOG_FORMAT, FAULT_INJECTION…: lab/src/settings.ts).
export interface Config {
  host: string;
  port: number;
  replicaName: string | undefined;
  newUserIds: IdBlock;
  shutdownGraceMs: number;
  auth: ServiceAuth;
  passwordHashCost: number;
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
    // NEW_USER_IDS_FROM, NEW_USER_IDS_TO: the ids this process gives new users, 4 (after the seeded
    // 1, 2, 3) and up by default. npm start gives each start its own block (launcher/supervisor.js).
    newUserIds: newUserIds(
      env.NEW_USER_IDS_FROM || String(SEED_USERS.length + 1),
      env.NEW_USER_IDS_TO || String(LARGEST_ID),
    ),
    // How long calls in flight may take to finish after SIGINT/SIGTERM.
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 5000),
    // AUTH=required (tutorial lesson 11): serve only calls that carry GATEWAY_SECRET, the secret
    // every process of the sandbox shares (npm start makes one). The page and the CLI switch it at run time.
    auth: serviceAuth(env.AUTH, env.GATEWAY_SECRET),
    // PASSWORD_HASH_COST: scrypt's N for the passwords hashed from now on (passwords.ts). The tests
    // lower it to 1024 (test/support/harness.ts), 16 times cheaper; a stored hash keeps its own.
    passwordHashCost: passwordHashCost(env.PASSWORD_HASH_COST || String(DEFAULT_HASH_COST)),
  };
}

function passwordHashCost(value: string): number {
  const cost = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!isHashCost(cost))
    throw new ConfigError(
      `PASSWORD_HASH_COST must be a power of two from ${LOWEST_HASH_COST} to ${HIGHEST_HASH_COST} (scrypt's N; ${DEFAULT_HASH_COST} by default), not ${JSON.stringify(value.slice(0, 20))}`,
    );
  return cost;
}

// a block that starts among the seeded users' ids would give one of them to a newcomer
function newUserIds(from: string, to: string): IdBlock {
  const block = { from: Number(from), to: Number(to) };
  const valid = (value: string, number: number) => /^\d{1,15}$/.test(value) && number > SEED_USERS.length;
  if (!valid(from, block.from) || !valid(to, block.to) || block.to < block.from) {
    throw new ConfigError(
      `NEW_USER_IDS_FROM and NEW_USER_IDS_TO must be whole numbers from ${SEED_USERS.length + 1} (after the seeded users) to ${LARGEST_ID}, the first not above the second; not ${JSON.stringify(from.slice(0, 20))} and ${JSON.stringify(to.slice(0, 20))}`,
    );
  }
  return block;
}
