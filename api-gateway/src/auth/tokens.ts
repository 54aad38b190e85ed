// The tokens of POST /api/auth/login: JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 by jose,
// a well-kept JWT library. A token says who its holder is (sub: the user's id), their name and role,
// their session key, and when it stops being valid. Anyone can read a JWT (it is base64, not
// encrypted): only the signature, made with a secret only the gateway knows, makes it impossible to
// forge or change. The session key is user-service's, new for each user (middleware.ts asks
// user-service whether it is still theirs: ids come back after a reset, a restart, on another replica).
// jose is loaded with the first token issued or checked, not at start: most sandboxes never see one.
const jose = () => import('jose');

export interface Identity {
  id: string; // the user's id: "1"
  name: string;
  role: 'user' | 'admin';
}

/** What a token holds: who, and the session key user-service gave at login. */
export interface TokenClaims extends Identity {
  sessionKey: string;
}

/** A token as verify() found it: its claims, and when it stops being valid (milliseconds since 1970). */
export interface VerifiedClaims extends TokenClaims {
  expiresAt: number;
}

export class TokenError extends Error {}

const ISSUER = 'grpc-sandbox-gateway';
export const EXPIRED = 'the token has expired: log in again (POST /api/auth/login)';

export class Tokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: TokenClaims): Promise<string> {
    const { SignJWT } = await jose();
    return new SignJWT({ name: claims.name, role: claims.role, session: claims.sessionKey })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The identity in a token, or a TokenError that says what is wrong in words safe to show. */
  async verify(token: string): Promise<VerifiedClaims> {
    const { errors, jwtVerify } = await jose();
    try {
      // only HS256: a token that names another algorithm, such as "none" (no signature at all), is refused
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      const { sub, name, role, session, exp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof name !== 'string' ||
        (role !== 'user' && role !== 'admin') ||
        typeof session !== 'string' ||
        typeof exp !== 'number'
      ) {
        throw new TokenError('the token is not valid: log in again (POST /api/auth/login)');
      }
      return { id: sub, name, role, sessionKey: session, expiresAt: exp * 1000 };
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenError(EXPIRED);
      // tampered, wrongly signed, malformed, from another gateway start: never say more than this
      throw new TokenError('the token is not valid: log in again (POST /api/auth/login)');
    }
  }
}
