// What a trace and a log line never show: secrets. Traces go to GET /traces and the page, log lines
// to a terminal or a log tool; neither is a place for what lets someone log in as someone else.
//   - a message's secret fields (the contract's SECRET_FIELDS: password, sessionKey) are described
//     as "password=[redacted]" (describeMessage, trace.ts);
//   - a request's span is named after its URL (http.ts), where a client may have put a secret:
//       ?password=…, ?access_token=…, ?api_key=…             → password=[redacted]
//       /graphql?query=mutation { createUser(password: "…") } → password: "[redacted]"
//     (and the variables such an argument takes: createUser(password: $pw) with variables={"pw": …}).
// The gateway's secret and the Authorization header are metadata and headers, which no span holds.
import { unescape } from 'node:querystring';
import { SECRET_FIELDS } from '@sandbox/protos';

export const REDACTED = '[redacted]';

// names are compared lowercase, without "_", "-", "[", …: access_token, accessToken and user[password] alike
const normalized = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const CONTRACT_SECRETS = new Set(SECRET_FIELDS.map(normalized));
// the names a secret goes by in a URL: password, passwd, pwd, secret, client_secret, token,
// access_token, api_key, key, auth, authorization, jwt, credentials, session_key…
const SECRET_NAME = /pass(word|wd|phrase)|^pass$|^pwd$|secret|token$|^(api|access|private|session)?key$|^auth(orization)?$|^jwt$|credential/;
// …but the page of a list is not a secret: pageToken, nextPageToken (protos/src/paging.ts)
const NOT_SECRET = /^(next)?pagetoken$/;

/** True for the name of a secret: a field of the contract's list, or a name like "access_token". */
export function isSecretName(name: string): boolean {
  const n = normalized(name);
  return CONTRACT_SECRETS.has(n) || (SECRET_NAME.test(n) && !NOT_SECRET.test(n));
}

/** The URL, with the values of its secret parameters and of the secret arguments in its GraphQL query redacted. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url; // most URLs: nothing to look at
  const parameters = url
    .slice(queryStart + 1)
    .split('&')
    .map((text) => {
      const equals = text.indexOf('=');
      return equals === -1 ? { text } : { text, name: text.slice(0, equals), value: decoded(text.slice(equals + 1)) };
    });
  // createUser(password: $pw) makes the variable "pw" as secret as the argument
  const bound = new Set<string>();
  for (const { value } of parameters) {
    for (const [, quoted, bare, variable] of value?.matchAll(BOUND_VARIABLE) ?? []) if (isSecretName(quoted ?? bare)) bound.add(variable);
  }
  const redacted = parameters.map(({ text, name, value }) => {
    if (name === undefined || value === undefined) return text;
    if (isSecretName(decoded(name))) return `${name}=${REDACTED}`;
    const safe = redactArguments(value, bound);
    // untouched parameters stay exactly as the client wrote them
    return safe === value ? text : `${name}=${encodeURIComponent(safe)}`;
  });
  return `${url.slice(0, queryStart)}?${redacted.join('&')}`;
}

// a parameter as the gateway reads it: "+" is a space, and a broken %-escape is kept as it is
function decoded(text: string): string {
  return unescape(text.replace(/\+/g, ' '));
}

// `password: "…"` in a GraphQL query, `"password": "…"` in JSON (GraphQL's variables): a name and a
// colon. A name starts a word (not `$pw`, a variable), so the text is read once, whatever its length.
const NAME_AND_COLON = /(?<![\w$])(?:"([A-Za-z_][\w-]*)"|([A-Za-z_]\w*))\s*:\s*/g;
// `password: $pw`: the variable a secret argument takes
const BOUND_VARIABLE = /(?<![\w$])(?:"([A-Za-z_][\w-]*)"|([A-Za-z_]\w*))\s*:\s*\$([A-Za-z_]\w*)/g;

/** The text with the value after each secret name (or variable in `bound`) replaced by "[redacted]". */
function redactArguments(text: string, bound: Set<string>): string {
  let safe = '';
  let from = 0;
  for (const match of text.matchAll(NAME_AND_COLON)) {
    const name = match[1] ?? match[2];
    const start = match.index + match[0].length;
    if (match.index < from || !(isSecretName(name) || bound.has(name))) continue;
    const end = valueEnd(text, start);
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
