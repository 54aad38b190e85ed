// Every failure, from any layer, becomes the same JSON answer:
//   {"error": {"code": "NOT_FOUND", "message": "user 42 not found"}}
// Never HTML, never a stack trace, never an internal message. A part of the API whose clients read
// errors in a shape of their own says so for its answers (answerErrorsAs); the rest is the same.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { GrpcError, type Logger } from '@sandbox/protos';
import { codeName, HTTP_STATUS, HTTP_STATUS_OF_REASON } from './http-status';
import { ValidationError } from './validation';

export interface ErrorFields {
  code: string;
  message: string;
  field?: string;
  reason?: string;
}

export interface ErrorBody {
  error: ErrorFields;
}

/** How an error is written as JSON. */
export type ErrorShape = (error: ErrorFields) => object;

const errorBody: ErrorShape = (error): ErrorBody => ({ error });
const shapes = new WeakMap<Response, ErrorShape>();

/** From now on, the errors of this answer, whoever sends them, are written in `shape`. */
export function answerErrorsAs(res: Response, shape: ErrorShape): void {
  shapes.set(res, shape);
}

export function sendError(
  res: Response,
  httpStatus: number,
  code: string,
  message: string,
  field?: string,
  reason?: string,
): void {
  const error: ErrorFields = { code, message, ...(field ? { field } : {}), ...(reason ? { reason } : {}) };
  const shape = shapes.get(res) ?? errorBody;
  res.status(httpStatus).json(shape(error));
}

/** Unknown routes: a JSON 404, not Express's HTML page. Placed after every route. */
export const unknownRoute: RequestHandler = (req, res) => {
  sendError(
    res,
    404,
    'NOT_FOUND',
    `no route for ${req.method} ${req.path}; the API is under /api (see docs/reference.md)`,
  );
};

/** A known path asked with a method it does not have, e.g. DELETE /api/orders/1. OPTIONS lists them. */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.setHeader('Allow', [...allowed, 'OPTIONS'].join(', '));
    if (req.method === 'OPTIONS') return void res.status(204).end();
    const path = (req.baseUrl + req.path).replace(/(.)\/$/, '$1'); // /api/orders/1/ → /api/orders/1
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${path}; use ${allowed.join(' or ')}`);
  };
}

/** The HTTP status a gRPC error is answered with: its reason's, or its code's (http-status.ts). */
export function httpStatusOf(error: GrpcError): number {
  return (error.reason && HTTP_STATUS_OF_REASON[error.reason]) || HTTP_STATUS[error.code] || 500;
}

// Errors from Express itself and from express.json() (the body parser) carry an HTTP status.
interface HttpError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** The one error middleware: the last app.use(), after the routes and the JSON 404. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next) => {
    if (error instanceof ValidationError) return sendError(res, 400, 'INVALID_ARGUMENT', error.message, error.field);
    if (error instanceof GrpcError)
      return sendError(res, httpStatusOf(error), codeName(error.code), error.details, undefined, error.reason);
    const httpError = error as HttpError;
    if (httpError.type === 'entity.parse.failed') {
      return sendError(res, 400, 'INVALID_ARGUMENT', 'the request body is not valid JSON');
    }
    if (httpError.type === 'entity.too.large') {
      return sendError(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `the request body is larger than the limit of ${httpError.limit} bytes`,
      );
    }
    if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
      // a 4xx from the HTTP layer is about what the client sent, so its message is safe to repeat,
      // e.g. a path with a broken %-escape: "Failed to decode param '%E0%A4%A'"
      return sendError(res, 400, 'INVALID_ARGUMENT', `the request could not be read: ${httpError.message}`);
    }
    log.error({ err: error, method: req.method, path: req.path }, 'unexpected error');
    return sendError(res, 500, 'INTERNAL', 'internal error');
  };
}
