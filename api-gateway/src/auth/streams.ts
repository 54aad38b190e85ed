// The answers that last: GET /traces/stream and GET /api/events (tutorial lesson 11). A request is
// authorized once, when it arrives; an ordinary one is answered long before its token ends. A
// stream may stay open for hours, and its token ends meanwhile: it expires, or its user is deleted
// or replaced (a reset or a restarted user-service gives the old ids to new users). So while a
// stream is open its token is checked again every TOKEN_RECHECK_MS (15 s; the same CheckSession
// check identify makes, middleware.ts), and at its expiry; once it is no longer good, the stream
// ends, saying why. Ordinary requests never come here.
// And one client may not hold every place: each user, or each other machine without a token, may
// keep a few streams of each kind open (the routes say how many), within the caps for everyone.
import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { identityOf, sessionOf } from './middleware';
import { EXPIRED, TokenError } from './tokens';

export interface StreamGuard {
  /** Whose streams are counted together: "user 1", "address 192.0.2.7"; undefined: this machine's, counted only in the caps for everyone. */
  ownerOf(req: Request, res: Response): string | undefined;
  /** Calls `end(reason)` once the request's token is no longer good; returns what stops watching (call it however the stream ends). */
  watch(res: Response, end: (reason: string) => void): () => void;
  /** Checks every open stream's token now (the services were reset: ../index.ts). */
  checkAll(): void;
}

export function streamGuard(recheckMs: number): StreamGuard {
  const checks = new Set<() => void>(); // one per open stream with a token
  // one timer for every stream, made here, outside any request: the checks are not part of the
  // trace of the request that opened the stream, nor do they carry its x-fault-* headers
  setInterval(() => checks.forEach((check) => check()), recheckMs).unref();

  return {
    ownerOf(req, res) {
      const user = identityOf(res);
      if (user) return `user ${user.id}`;
      const address = req.socket.remoteAddress ?? '';
      // this machine (127.0.0.1, the default address, where only it can reach the gateway): its
      // tabs and tools are one person's, who may stop the whole sandbox anyway
      if (/^(127\.|::1$|::ffff:127\.)/.test(address)) return undefined;
      return `address ${ipKeyGenerator(address)}`; // IPv6: the block one machine gets
    },

    watch(res, end) {
      const session = sessionOf(res);
      if (!session) return () => undefined; // no token: nothing to end with (an AUTH switch ends every stream: ../index.ts)
      let watching = true;
      const stop = () => {
        watching = false;
        checks.delete(check);
        clearTimeout(expiry);
      };
      const endBecause = (reason: string) => {
        if (!watching) return;
        stop();
        end(reason);
      };
      const check = () => {
        session.check().catch((error: unknown) => {
          // user-service down (a restart): the token is not known to be bad; the next check asks again
          if (error instanceof TokenError) endBecause(error.message);
        });
      };
      const expiry = setTimeout(() => endBecause(EXPIRED), session.expiresAt - Date.now());
      checks.add(check);
      return stop;
    },

    checkAll() {
      checks.forEach((check) => check());
    },
  };
}
