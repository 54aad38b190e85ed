// One HTTP call to the gateway as the end-to-end tests make it: a JSON body in (a string is sent
// as it is, for malformed bodies), the status, headers, JSON body and time taken out.
import http from 'node:http';

export interface Reply {
  status: number;
  // a test reads whatever JSON came back
  body: any; // its shape is what each test asserts
  headers: Headers;
  text: string; // the body as it came, for what is not JSON (GET /api/events: Server-Sent Events)
  ms: number;
}

export function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const started = performance.now();
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const sent = { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
  // node:http, a connection a call, rather than fetch: the tests make thousands of calls, and each
  // costs fetch about 1 ms more CPU here, and the gateway more too (measured side by side)
  return new Promise((resolve, reject) => {
    const outgoing = http.request(baseUrl + path, { method, headers: sent }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const received = new Headers();
        for (let i = 0; i < incoming.rawHeaders.length; i += 2)
          received.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
        const json = /json/.test(received.get('content-type') ?? '') || /^[{[]/.test(text);
        resolve({
          status: incoming.statusCode ?? 0,
          body: text && json ? JSON.parse(text) : undefined,
          headers: received,
          text,
          ms: performance.now() - started,
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** One test file's calls to a gateway whose URL is known once the sandbox has started: `call('GET', '/api/users/1')`. */
export function callsTo(baseUrl: () => string) {
  return (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> =>
    request(baseUrl(), method, path, body, headers);
}

/** Every item of a list, following its pages (pageSize 100, then each nextPageToken). */
export async function everyPage(baseUrl: string, path: string, key: string): Promise<any[]> {
  const items: unknown[] = [];
  let pageToken = '';
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = (
      await request(
        baseUrl,
        'GET',
        `${path}${separator}pageSize=100${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`,
      )
    ).body;
    items.push(...page[key]);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return items;
}
