// Defences against other web pages open in the same browser as the sandbox's page.
//
// refuseCrossSite: any page a student opens can send requests to http://localhost:3000, e.g.
//   fetch('http://localhost:3000/lab/reset', { method: 'POST', mode: 'no-cors' })
// The browser sends it (it only hides the answer from that page), and it would reset the data, stop
// services or cancel orders: cross-site request forgery. A browser says where a request comes
// from: the Origin header on every POST, PUT, PATCH and DELETE, and Sec-Fetch-Site. So a request
// that changes something and comes from another origin is refused (403). curl, the CLI and Postman
// send no Origin, and the page's own requests come from the gateway's origin: they work as before.
//
// refuseFraming: no other page may show the sandbox's pages in a frame, where a click meant for it
// could land on a button of ours (clickjacking).
import type { RequestHandler } from 'express';
import { sendError } from './conversion/errors';
import { printable } from './host-check';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const refuseCrossSite: RequestHandler = (req, res, next) => {
  if (!CHANGES.has(req.method)) return next();
  const origin = req.get('origin');
  // without Origin, what the browser says of where it comes from: "cross-site", "same-site" (another
  // port of this machine), "same-origin", or "none" (typed in the address bar)
  const site = req.get('sec-fetch-site');
  const fromHere =
    origin === undefined
      ? site === undefined || site === 'same-origin' || site === 'none'
      : isOwnOrigin(origin, req.get('host'), req.get('x-forwarded-host'));
  if (fromHere) return next();
  const from = origin === undefined ? `a ${printable(site ?? '')} page` : `the page at ${printable(origin)}`;
  return sendError(
    res,
    403,
    'PERMISSION_DENIED',
    `${req.method} from ${from} is refused: only the gateway's own page, and clients that are not browsers (curl, the CLI, Postman), may change things here`,
  );
};

// "http://localhost:3000" comes from the gateway's own page when it names the host the request was
// sent to (a proxy in front, as in Codespaces, passes the name it was reached by as X-Forwarded-Host,
// a header no other page can make a browser send). "null" (a sandboxed frame, a file) never does.
function isOwnOrigin(origin: string, host: string | undefined, forwardedHost: string | undefined): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost !== '' && (originHost === host?.toLowerCase() || originHost === forwardedHost?.toLowerCase());
}

export const refuseFraming: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  next();
};
