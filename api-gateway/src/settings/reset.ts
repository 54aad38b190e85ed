// `npm run sandbox -- reset` (or the page's button) gives back the sandbox npm start began: the
// launcher has each service build its data again with AUTH and ORDER_SAGA as they were at start
// (launcher/control.js), then tells the gateway, which puts back the switches it holds.
import type { Logger } from '@sandbox/protos';
import { onLauncherMessage } from '@sandbox/launcher';
import type { AnnounceAuth } from './routes';
import { describeSwitches, parseAuthMode, parseSagaMode, type Switches } from './switches';

export function putBackOnReset(switches: Switches, log: Logger, announceAuth: AnnounceAuth): void {
  const atStart = { ...switches }; // as the environment set them (config.ts)
  onLauncherMessage(({ reset, settings }) => {
    if (!reset) return;
    const before = switches.auth;
    Object.assign(switches, {
      // the launcher says how npm start began: this gateway may have been restarted since a switch
      auth: startValue(() => parseAuthMode(settings?.auth), atStart.auth),
      // a new limit, even if the same: every client's count starts afresh (../rate-limit)
      rateLimit: atStart.rateLimit && { ...atStart.rateLimit },
      cacheTtlMs: atStart.cacheTtlMs,
      saga: startValue(() => parseSagaMode(settings?.order_saga), atStart.saga),
    });
    log.info(`settings put back by a reset: ${JSON.stringify(describeSwitches(switches))}`);
    // AUTH required again, as at start: the streams opened without a token while it was off end, as
    // they do when it is switched (../index.ts), once the launcher has finished the reset
    if (before === 'off' && switches.auth === 'required')
      void announceAuth({ auth: 'required' }).catch(() => undefined);
  });
}

function startValue<T>(parse: () => T, otherwise: T): T {
  try {
    return parse();
  } catch {
    return otherwise; // not a value the launcher knows (an older launcher): the gateway's own
  }
}
