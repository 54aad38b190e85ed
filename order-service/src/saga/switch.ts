// ORDER_SAGA (lesson 16): on, each order runs the saga; off (the default), the diagram's flow
// exactly. An object, read at each order, so npm start's launcher can switch it while the sandbox
// runs (index.ts; the page and the CLI ask the launcher).
import { ConfigError } from '@sandbox/protos';

export interface SagaSwitch {
  on: boolean;
}

/** ORDER_SAGA's value (config.ts): on or off, unset or empty is off; anything else cannot start. */
export function sagaSwitch(value: string | undefined): SagaSwitch {
  if (value === undefined || value === '' || value === 'off') return { on: false };
  if (value === 'on') return { on: true };
  throw new ConfigError(`ORDER_SAGA must be on or off; not ${JSON.stringify(value.slice(0, 40))}`);
}
