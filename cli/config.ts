// Every environment variable the CLI reads, with its default.
import os from 'node:os';
import path from 'node:path';

export interface Config {
  gatewayUrl: string;
  tokenFile: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // Where the gateway is; --url overrides it for one command.
    gatewayUrl: env.GATEWAY_URL ?? 'http://localhost:3000',
    // Where `login` keeps the token it got, for the commands after it (readable by you alone).
    tokenFile: env.SANDBOX_TOKEN_FILE ?? path.join(os.homedir(), '.grpc-sandbox-token.json'),
  };
}
