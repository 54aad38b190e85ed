// /lab/settings: the switches (switches.ts), changed while the sandbox runs (the page's lab controls,
// `npm run cli -- settings …`). The values from the environment at start are the defaults.
//   GET   /lab/settings   → {"auth": "off", "rateLimit": "off", "cacheTtlMs": 0, "saga": "off"}
//   PATCH /lab/settings   {"auth": "required"} or {"rateLimit": "5/min"} or {"cacheTtlMs": 30000}, or several
// "saga" is order-service's (ORDER_SAGA, lesson 16), switched from here so one place has them all.
import * as grpc from '@grpc/grpc-js';
import { Router } from 'express';
import { ConfigError, GrpcError, type Logger } from '@sandbox/protos';
import { methodNotAllowed } from '../conversion/errors';
import { validateBody, ValidationError } from '../conversion/validation';
import { settingsBody } from './schemas';
import {
  describeSwitches,
  parseAuthMode,
  parseCacheTtl,
  parseRateLimit,
  parseSagaMode,
  type AuthMode,
  type SagaMode,
  type Switches,
} from './switches';

/** Tells the three services the new AUTH or ORDER_SAGA (through npm start's launcher); rejects if it cannot. */
export type AnnounceAuth = (change: { auth: AuthMode } | { saga: SagaMode }) => Promise<void>;

export function settingsRoutes(switches: Switches, log: Logger, announceAuth?: AnnounceAuth): Router {
  const router = Router();

  router
    .route('/')
    .get((_req, res) => {
      res.json(describeSwitches(switches));
    })
    .patch(validateBody(settingsBody), async (req, res) => {
      // every value is checked before any is changed
      const auth = req.body.auth === undefined ? switches.auth : valueOf('auth', () => parseAuthMode(req.body.auth));
      const rateLimit =
        req.body.rateLimit === undefined
          ? switches.rateLimit
          : valueOf('rateLimit', () => parseRateLimit(req.body.rateLimit));
      const cacheTtlMs =
        req.body.cacheTtlMs === undefined
          ? switches.cacheTtlMs
          : valueOf('cacheTtlMs', () => parseCacheTtl(req.body.cacheTtlMs));
      const saga = req.body.saga === undefined ? switches.saga : valueOf('saga', () => parseSagaMode(req.body.saga));
      if (auth !== switches.auth) {
        // the services check the gateway's secret only in AUTH=required: they must switch too
        if (!announceAuth) {
          throw new GrpcError(
            grpc.status.FAILED_PRECONDITION,
            'this gateway was not started by `npm start`, so it cannot tell the services to switch AUTH; start them all with AUTH=required instead',
          );
        }
        await announceAuth({ auth });
      }
      if (saga !== switches.saga) {
        // the saga runs in order-service
        if (!announceAuth) {
          throw new GrpcError(
            grpc.status.FAILED_PRECONDITION,
            'this gateway was not started by `npm start`, so it cannot tell order-service to switch its saga; start it with ORDER_SAGA=on instead',
          );
        }
        await announceAuth({ saga });
      }
      Object.assign(switches, { auth, rateLimit: sameRateLimit(switches, rateLimit), cacheTtlMs, saga });
      log.info(`settings changed: ${JSON.stringify(describeSwitches(switches))}`);
      res.json(describeSwitches(switches));
    })
    .all(methodNotAllowed(['GET', 'PATCH']));

  return router;
}

// the setting's own wording, as a 400 naming the field: "RATE_LIMIT must be off or …"
function valueOf<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) throw new ValidationError(error.message, field);
    throw error;
  }
}

// the same limit written again keeps its counts (../rate-limit starts afresh on a new setting)
function sameRateLimit(switches: Switches, wanted: Switches['rateLimit']): Switches['rateLimit'] {
  return wanted && switches.rateLimit && wanted.text === switches.rateLimit.text ? switches.rateLimit : wanted;
}
