// exercise status-table (lesson 7): each gRPC status becomes the HTTP status of the standard mapping.
import * as grpc from '@grpc/grpc-js';
import { checkBehaviours, missing } from './kit';

import { HTTP_STATUS } from '../../api-gateway/src/conversion/http-status';

// google.rpc's code.proto, as grpc-gateway maps it
const EXPECTED: Array<[keyof typeof grpc.status, number, string]> = [
  ['INVALID_ARGUMENT', 400, 'a field breaks a rule'],
  ['FAILED_PRECONDITION', 400, 'not in a state that allows it'],
  ['OUT_OF_RANGE', 400, 'past the end'],
  ['UNAUTHENTICATED', 401, 'who are you?'],
  ['PERMISSION_DENIED', 403, 'you may not'],
  ['NOT_FOUND', 404, 'no such record'],
  ['ALREADY_EXISTS', 409, 'that email is taken'],
  ['ABORTED', 409, 'a conflict: try again'],
  ['RESOURCE_EXHAUSTED', 429, 'too many requests'],
  ['CANCELLED', 499, 'the client hung up'],
  ['INTERNAL', 500, 'a bug'],
  ['UNIMPLEMENTED', 501, 'not written yet'],
  ['UNAVAILABLE', 503, 'the service is down'],
  ['DEADLINE_EXCEEDED', 504, 'too slow'],
];

void checkBehaviours(
  'status-table',
  EXPECTED.map(([name, http, why]) => ({
    behaviour: `${name} (${why}) is HTTP ${http}`,
    async check() {
      const got = HTTP_STATUS[grpc.status[name]];
      if (got !== http)
        missing({
          sent: `a service answers ${name}`,
          got: got === undefined ? 'no entry: the gateway answers 500' : `HTTP ${got}`,
          expected: `HTTP ${http}`,
        });
    },
  })),
);
