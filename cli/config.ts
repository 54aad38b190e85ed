// Every environment variable the CLI reads, with its default.
export interface Config {
  gatewayUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // Where the gateway is; --url overrides it for one command.
    gatewayUrl: env.GATEWAY_URL ?? 'http://localhost:3000',
  };
}
