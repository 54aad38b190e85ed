// The switches of the chapters, changed while the sandbox runs (switches.ts): GET and PATCH
// /lab/settings (routes.ts), put back by a reset (reset.ts). Plugged in by one line of app.ts.
// ORDER_SAGA is order-service's (lesson 16): the gateway only shows it and passes a change on
// (`announceAuth`, from ../index.ts).
import type { Logger } from '@sandbox/protos';
import type { PlugPoints } from '../app';
import { putBackOnReset } from './reset';
import { settingsRoutes, type AnnounceAuth } from './routes';
import type { Switches } from './switches';

export function plugSettings(plugs: PlugPoints, switches: Switches, log: Logger, announceAuth?: AnnounceAuth): void {
  plugs.routes.use('/lab/settings', settingsRoutes(switches, log, announceAuth));
  // started by npm start's launcher (which alone gives announceAuth): a reset puts the switches back
  if (announceAuth) putBackOnReset(switches, log, announceAuth);
}
