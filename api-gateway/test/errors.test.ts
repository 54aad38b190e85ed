// The gateway's answers when things go wrong, with no services running at all: every one is
// the same JSON shape, never HTML, never an address or a stack trace.
import { expect } from 'chai';
import { readConfig } from '../src/config';
import { servedGateway } from './served-gateway';

describe('gateway errors (no services running)', () => {
  // port 1 on loopback: nothing of ours listens there, so every service is "stopped"
  const gateway = servedGateway(() => ({
    ...readConfig({}),
    userServiceAddr: '127.0.0.1:1',
    productServiceAddr: '127.0.0.1:1',
    orderServiceAddr: '127.0.0.1:1',
    bodyLimit: '1kb',
  }));

  async function send(method: string, path: string, body?: string, contentType = 'application/json') {
    const response = await fetch(gateway.url + path, {
      method,
      body,
      headers: body === undefined ? {} : { 'content-type': contentType },
    });
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    // a test reads whatever JSON came back
    return { status: response.status, body: (await response.json()) as any };
  }

  it('unknown route → 404 JSON', async () => {
    expect(await send('GET', '/api/nothing-here')).to.deep.equal({
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: 'no route for GET /api/nothing-here; the API is under /api (see docs/reference.md)',
        },
      },
    });
  });

  it('a method a path does not have → 405 JSON with the methods it has', async () => {
    expect(await send('DELETE', '/api/orders/1')).to.deep.equal({
      status: 405,
      body: { error: { code: 'METHOD_NOT_ALLOWED', message: 'DELETE is not supported on /api/orders/1; use GET' } },
    });
  });

  it('OPTIONS → 204 listing the methods', async () => {
    const response = await fetch(`${gateway.url}/api/orders/1`, { method: 'OPTIONS' });
    expect(response.status).to.equal(204);
    expect(response.headers.get('allow')).to.equal('GET, OPTIONS');
  });

  it('a path with a broken %-escape → 400, not 500', async () => {
    expect(await send('GET', '/api/users/%E0%A4%A')).to.deep.equal({
      status: 400,
      body: {
        error: {
          code: 'INVALID_ARGUMENT',
          message: "the request could not be read: Failed to decode param '%E0%A4%A'",
        },
      },
    });
  });

  it('malformed JSON → 400', async () => {
    expect(await send('POST', '/api/orders', '{"userId": "1",')).to.deep.equal({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT', message: 'the request body is not valid JSON' } },
    });
  });

  it('a body that is not JSON → 400 saying how to send it', async () => {
    const reply = await send('POST', '/api/users', 'name=Ada', 'application/x-www-form-urlencoded');
    expect(reply.status).to.equal(400);
    expect(reply.body.error.message).to.equal('send the body as JSON with the header Content-Type: application/json');
  });

  it('a JSON value that is not an object → 400', async () => {
    const reply = await send('POST', '/api/users', '"Ada"');
    expect(reply).to.deep.equal({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT', message: 'the body must be a JSON object, like {"name": "…"}' } },
    });
  });

  it("a wrong field → 400 naming it, in the contract's words", async () => {
    expect(await send('POST', '/api/orders', '{"userId":"1","productId":"1","quantity":1.7}')).to.deep.equal({
      status: 400,
      body: {
        error: {
          code: 'INVALID_ARGUMENT',
          message: 'quantity must be a whole number from 1 to 1000',
          field: 'quantity',
        },
      },
    });
    expect((await send('POST', '/api/orders', '{"userId":"1","productId":"1"}')).body.error).to.deep.equal({
      code: 'INVALID_ARGUMENT',
      message: 'quantity is required',
      field: 'quantity',
    });
  });

  it('a body over the limit → 413', async () => {
    const reply = await send('POST', '/api/users', JSON.stringify({ name: 'x'.repeat(2000), email: 'a@example.com' }));
    expect(reply.status).to.equal(413);
    expect(reply.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
  });

  it('a stopped service → 503 naming the service, not its address', async () => {
    expect(await send('GET', '/api/users/1')).to.deep.equal({
      status: 503,
      body: { error: { code: 'UNAVAILABLE', message: 'user-service is unavailable' } },
    });
  });

  it('health/live → 200: the gateway itself is up, whatever its services do', async () => {
    expect(await send('GET', '/health/live')).to.deep.equal({ status: 200, body: { status: 'SERVING' } });
  });

  it('health → 503 naming every service that does not serve', async () => {
    const reply = await send('GET', '/health');
    expect(reply.status).to.equal(503);
    expect(reply.body.error).to.deep.equal({
      code: 'UNAVAILABLE',
      message: 'not serving: user-service, product-service, order-service',
    });
    expect(reply.body.services['user-service'].status).to.equal('UNREACHABLE');
  });
});
