// Answers only requests addressed to this machine by a local name: localhost, an IP address, or a
// name in ALLOWED_HOSTS. A web page on some other site could otherwise point a name of its own at
// 127.0.0.1 (DNS rebinding) and use the visitor's browser to call the gateway.
import net from 'node:net';
import type { RequestHandler } from 'express';
import { sendError } from './conversion/errors';

export function checkHost(allowedHosts: string[]): RequestHandler {
  const anyHost = allowedHosts.includes('*');
  return (req, res, next) => {
    const hostname = hostnameOf(req.headers.host ?? '');
    if (anyHost || isLocalName(hostname) || net.isIP(hostname) !== 0 || allowedHosts.includes(hostname)) return next();
    return sendError(
      res,
      403,
      'PERMISSION_DENIED',
      `requests addressed to "${printable(hostname)}" are refused; set ALLOWED_HOSTS=${printable(hostname)} to allow that name`,
    );
  };
}

// "localhost:3000" → "localhost", "[::1]:3000" → "::1"
function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(host);
  if (bracketed) return bracketed[1];
  return host.replace(/:\d*$/, '').toLowerCase();
}

function isLocalName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

/** Text a client sent, safe to repeat in an answer: printable ASCII, at most 100 characters. */
export function printable(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '?').slice(0, 100);
}
