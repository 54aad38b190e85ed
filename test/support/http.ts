// One HTTP call to the gateway as the end-to-end tests make it: a JSON body in (a string is sent
// as it is, for malformed bodies), the status, headers, JSON body and time taken out.

export interface Reply {
  status: number;
  // a test reads whatever JSON came back
  body: any; // its shape is what each test asserts
  headers: Headers;
  text: string; // the body as it came, for what is not JSON (GET /api/events: Server-Sent Events)
  ms: number;
}

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '') || /^[{[]/.test(text);
  return {
    status: response.status,
    body: text && json ? JSON.parse(text) : undefined,
    headers: response.headers,
    text,
    ms: performance.now() - started,
  };
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
