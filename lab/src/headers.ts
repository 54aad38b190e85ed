// Checks the lab headers of a request at the gateway before anything is called: fault injection
// (x-fault-delay, x-fault-fail; faults.ts) and the fan-out mode (x-fanout; fanout.ts).
// A malformed header is a 400 that says what is wrong, and fault headers sent while
// FAULT_INJECTION=off are refused rather than silently ignored, so a lab never shows a success
// where the student expected a failure. The client interceptor (grpc.ts) passes them on as metadata, which
// takes printable ASCII only: a tab or an accented letter is a 400 here, on any path, never a 500.
import type { RequestHandler } from 'express';
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import { FANOUT, parseFanOut } from './fanout';
import { FAULT_DELAY, FAULT_FAIL, hasFaults, parseFaults, type FaultSettings } from './faults';

const LAB_HEADERS = [FAULT_DELAY, FAULT_FAIL, FANOUT];
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function checkLabHeaders(settings: FaultSettings): RequestHandler {
  return (req, _res, next) => {
    for (const header of LAB_HEADERS) {
      const value = req.get(header);
      if (value !== undefined && !PRINTABLE_ASCII.test(value)) {
        throw new GrpcError(
          grpc.status.INVALID_ARGUMENT,
          `${header} may hold only printable ASCII characters (no tabs, no accents), such as ${EXAMPLES[header]}`,
        );
      }
    }
    const faults = parseFaults(req.get(FAULT_DELAY), req.get(FAULT_FAIL), settings.maxDelayMs);
    if (hasFaults(faults) && !settings.enabled) {
      throw new GrpcError(
        grpc.status.FAILED_PRECONDITION,
        `fault injection is off here (FAULT_INJECTION=off): send the request without ${FAULT_DELAY} and ${FAULT_FAIL}`,
      );
    }
    parseFanOut(req.get(FANOUT));
    next();
  };
}

const EXAMPLES: Record<string, string> = {
  [FAULT_DELAY]: 'user=200,product=300',
  [FAULT_FAIL]: 'user=UNAVAILABLE',
  [FANOUT]: 'sequential',
};
