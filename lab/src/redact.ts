// What a trace and a log line never show: secrets. Traces go to GET /traces and the page, log lines
// to a terminal or a log tool; neither is a place for what lets someone log in as someone else.
//   - a message's secret fields (the contract's SECRET_FIELDS: password, sessionKey) are described
//     as "password=[redacted]" (describeMessage, trace.ts);
//   - a request's span is named after its URL (http.ts), where a client may have put a secret:
//       ?password=…, ?pin=…, ?access_token=…, ?api_key=…       → password=[redacted]
//       /graphql?query=mutation { createUser(password: "…") } → password: "[redacted]"
//     A GraphQL query may hide a secret in any string (an argument with any name, a variable's
//     default, a field of an input object), so in a /graphql URL every string of the query and
//     every string value of its variables is redacted, whatever its name; elsewhere, the value
//     after a secret name (and the variables such an argument takes: createUser(password: $pw)).
// The gateway's secret and the Authorization header are metadata and headers, which no span holds.
import { unescape } from 'node:querystring';
import { SECRET_FIELDS } from '@sandbox/protos';

export const REDACTED = '[redacted]';

// names are compared lowercase, without "_", "-", "[", …: access_token, accessToken and user[password] alike
const normalized = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const CONTRACT_SECRETS = new Set(SECRET_FIELDS.map(normalized));
// the names a secret goes by in a URL: password, passwd, passcode, pwd, pw, pin, otp, secret,
// client_secret, token, access_token, api_key, key, auth, authorization, jwt, credentials,
// session, session_key, sid, cookie, code (an OAuth code, a one-time code), sig, signature…
const SECRET_NAME =
  /pass(word|wd|phrase|code)|^pass$|^pwd?$|^pin$|pincode|^t?otp$|secret|token$|^(api|access|private|session)?key$|^auth(orization)?$|^jwt$|credential|^session(id)?$|^sid$|cookie|^(auth|authorization|verification|reset|otp|mfa|onetime|security)?code$|^sig$|signature/;
// …but the page of a list is not a secret: pageToken, nextPageToken (protos/src/paging.ts)
const NOT_SECRET = /^(next)?pagetoken$/;

/** True for the name of a secret: a field of the contract's list, or a name like "access_token". */
export function isSecretName(name: string): boolean {
  const n = normalized(name);
  return CONTRACT_SECRETS.has(n) || (SECRET_NAME.test(n) && !NOT_SECRET.test(n));
}

// GraphQL's own path, spelled as Express matches it (/GraphQL, /graphql/)
const GRAPHQL_PATH = /^\/graphql\/?$/i;

/** The URL, with the values of its secret parameters and of the secret arguments in its GraphQL query redacted. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url; // most URLs: nothing to look at
  const graphql = GRAPHQL_PATH.test(url.slice(0, queryStart));
  const parameters = url
    .slice(queryStart + 1)
    .split('&')
    .map((text): Parameter => {
      const equals = text.indexOf('=');
      if (equals === -1) return { text, equals };
      const name = decoded(text.slice(0, equals));
      const value = decoded(text.slice(equals + 1));
      return {
        text,
        name,
        equals,
        value,
        ...(graphql ? graphqlParameter(name, value) : { safe: value, scanned: value }),
      };
    });
  // createUser(password: $pw) makes the variable "pw" as secret as the argument
  const bound = new Set<string>();
  for (const { scanned } of parameters) {
    for (const [, quoted, bare, variable] of scanned?.matchAll(BOUND_VARIABLE) ?? [])
      if (isSecretName(nameOf(quoted, bare))) bound.add(variable);
  }
  const redacted = parameters.map(({ text, name, equals, value, safe, scanned }) => {
    if (name === undefined || value === undefined || safe === undefined) return text;
    if (isSecretName(name)) return `${text.slice(0, equals)}=${REDACTED}`;
    const shown = redactArguments(safe, bound, scanned);
    // untouched parameters stay exactly as the client wrote them
    return shown === value ? text : `${text.slice(0, equals)}=${encodeURIComponent(shown)}`;
  });
  return `${url.slice(0, queryStart)}?${redacted.join('&')}`;
}

interface Parameter {
  text: string; // as the client wrote it: name=value
  equals: number; // where its "=" is; -1: none
  name?: string; // decoded
  value?: string; // decoded
  safe?: string; // the value with what was redacted before the names were looked at (graphqlParameter)
  scanned?: string; // where the names are looked for
}

/**
 * A parameter of a /graphql URL: its query's strings, or its variables' string values, redacted
 * (`safe`), and the text to look for secret names in (`scanned`: the query without its comments).
 */
function graphqlParameter(name: string, value: string): { safe: string; scanned: string } {
  if (name === 'query') {
    const safe = redactGraphqlStrings(value);
    return { safe, scanned: withoutComments(safe) };
  }
  if (name === 'variables') {
    const safe = redactJsonStrings(value);
    return { safe, scanned: safe };
  }
  return { safe: value, scanned: value };
}

// a parameter as the gateway reads it: "+" is a space, and a broken %-escape is kept as it is
function decoded(text: string): string {
  return unescape(text.replace(/\+/g, ' '));
}

// GraphQL's comments, block strings and strings, read as its lexer reads them: a quote in a comment
// starts no string, a # in a string starts no comment. A string that is not closed runs to the end.
const GRAPHQL_COMMENT_OR_STRING = /#[^\n\r]*|"""(?:\\"""|[\s\S])*?(?:"""|$)|"(?:[^"\\]|\\[\s\S])*(?:"|$)/g;

/** Every string and block string of a GraphQL query as "[redacted]"; comments as they are. */
function redactGraphqlStrings(query: string): string {
  return query.replace(GRAPHQL_COMMENT_OR_STRING, (token) => (token.startsWith('#') ? token : `"${REDACTED}"`));
}

/** The query with each comment blanked out, character for character: GraphQL ignores them, so may the search for names. */
function withoutComments(query: string): string {
  return query.replace(GRAPHQL_COMMENT_OR_STRING, (token) =>
    token.startsWith('#') ? ' '.repeat(token.length) : token,
  );
}

// a JSON string (to the end of the text if it is not closed), and whether a colon follows it: a name
const JSON_STRING = /"(?:[^"\\]|\\[\s\S])*(?:"|$)(?=(\s*:)?)/g;

/** Every string value of a JSON text as "[redacted]"; the names stay, as does everything else. */
function redactJsonStrings(json: string): string {
  return json.replace(JSON_STRING, (token, colon: string | undefined) => (colon ? token : `"${REDACTED}"`));
}

// what GraphQL ignores between a name and its colon, and after it: spaces and commas (and
// comments, blanked out before: withoutComments)
const IGNORED = String.raw`[\s,]*`;
// `password: "…"` in a GraphQL query, `"password": "…"` in JSON (GraphQL's variables, whose names
// may be escaped: "\u0070in"): a name and a colon. A name starts a word (not `$pw`, a variable).
// Each text is read once, whatever its length: a name holds no quote, so no match runs past the next.
const NAME = String.raw`(?<![\w$])(?:"((?:[\w-]|\\u[0-9a-fA-F]{4})+)"|([A-Za-z_]\w*))`;
const NAME_AND_COLON = new RegExp(`${NAME}${IGNORED}:${IGNORED}`, 'g');
// `password: $pw`: the variable a secret argument takes
const BOUND_VARIABLE = new RegExp(`${NAME}${IGNORED}:${IGNORED}\\$([A-Za-z_]\\w*)`, 'g');

// a name as it was meant: a JSON name's escapes read ("\u0070in" is "pin")
function nameOf(quoted: string | undefined, bare: string | undefined): string {
  if (quoted === undefined) return bare ?? '';
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

/**
 * The text with the value after each secret name (or variable in `bound`) replaced by "[redacted]".
 * Names and values are looked for in `scanned`: the text, or the same with its comments blanked.
 */
function redactArguments(text: string, bound: Set<string>, scanned = text): string {
  let safe = '';
  let from = 0;
  for (const match of scanned.matchAll(NAME_AND_COLON)) {
    const name = nameOf(match[1], match[2]);
    const start = match.index + match[0].length;
    if (match.index < from || !(isSecretName(name) || bound.has(name))) continue;
    const end = valueEnd(scanned, start);
    if (end === start) continue; // `password: $pw`: a variable, redacted where its value is
    safe += `${text.slice(from, start)}"${REDACTED}"`;
    from = end;
  }
  return from === 0 ? text : safe + text.slice(from);
}

// (`y`: each regex reads from its lastIndex, where the value starts)
// a value: a block string, a string (to the end of the text if it is not closed), or a bare word
const VALUE = /"""[\s\S]*?(?:"""|$)|"(?:[^"\\]|\\.)*(?:"|$)|(?!\$)[^\s,(){}[\]"]*/y;
// in a list or an object: a string (whose brackets do not count) or a bracket
const STRING_OR_BRACKET = /"(?:[^"\\]|\\.)*"?|[[\]{}]|[^"[\]{}]+/y;

/** Where the value that starts at `start` ends; a list or an object ends at its closing bracket. */
function valueEnd(text: string, start: number): number {
  if (text[start] !== '[' && text[start] !== '{') {
    VALUE.lastIndex = start;
    return start + (VALUE.exec(text)?.[0].length ?? 0);
  }
  let depth = 0;
  STRING_OR_BRACKET.lastIndex = start;
  for (let token = STRING_OR_BRACKET.exec(text); token; token = STRING_OR_BRACKET.exec(text)) {
    if (token[0] === '[' || token[0] === '{') depth += 1;
    if (token[0] === ']' || token[0] === '}') depth -= 1;
    if (depth === 0) return STRING_OR_BRACKET.lastIndex;
  }
  return text.length;
}
