// Secrets stay secret (tutorial lesson 11): a password sent to sign up, to change it or to log in,
// a token in a URL, the sandbox's gateway secret never show in a trace (GET /traces, /traces/:id,
// /traces/stream), in any process's log lines (the shared sandbox logs at debug, the most verbose
// level), or in an answer. One case per RPC that carries a secret, by every way a client reaches
// it: REST, GraphQL (POST, and GET, whose URL is traced even though it is refused), and gRPC
// straight to user-service. Each case sends a password of its own, so a leak names its case.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { UserServiceClient } from '../protos/generated/user/UserService';
import { CHANNEL_OPTIONS, loadContract, promiseClient, type PromiseClient } from '../protos/src';
import { request, type Reply } from './support/http';
import { until, useSandbox } from './support/sandbox';

// what a case did: the answer its client got, and the gRPC call it caused at user-service, if any
interface Sent {
  answer: string;
  rpc?: string;
  secrets?: string[]; // other secrets the case caused, looked for too: the session key user-service made
}

interface Case {
  name: string;
  // `secret`: the password (or token) to send; `requestId`: to send as x-request-id
  send(secret: string, requestId: string): Promise<Sent>;
  // what the trace (or, for a direct call, user-service's line) shows instead, once URL-decoded:
  // the proof that the field was there, redacted
  shows?: string;
  direct?: true; // straight to user-service: no trace at the gateway, only user-service's log lines
}

describe('secrets in traces, logs and answers', function () {
  this.timeout(30_000);
  const shared = useSandbox();
  const url = () => shared.sandbox.url;
  const created: string[] = []; // the users the cases made, deleted at the end

  // a password no other case sends (valid: 8 to 128 characters); its random part is what is looked for
  const newSecret = () => `pw-${randomBytes(8).toString('hex')}`;
  const newEmail = () => `secrets-${randomBytes(4).toString('hex')}@example.com`;

  async function call(method: string, path: string, requestId: string, body?: unknown): Promise<Reply> {
    return request(url(), method, path, body, { 'x-request-id': requestId });
  }
  function answerOf(reply: Reply): string {
    return `${reply.status} ${[...reply.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${reply.text}`;
  }
  async function newUser(): Promise<string> {
    const reply = await request(url(), 'POST', '/api/users', { name: 'Secret Keeper', email: newEmail() });
    expect(reply.status, reply.text).to.equal(201);
    created.push(reply.body.id);
    return reply.body.id;
  }
  async function graphqlPost(requestId: string, query: string, variables?: object): Promise<Reply> {
    return call('POST', '/graphql', requestId, { query, ...(variables ? { variables } : {}) });
  }
  const createUserMutation = (password: string) =>
    `mutation { createUser(name: "Secret Keeper", email: "${newEmail()}", password: "${password}") { id } }`;

  // straight to user-service, as grpcurl or `npm run grpc` would call it (AUTH=off: no secret needed)
  async function direct<M extends 'CreateUser' | 'UpdateUser' | 'CheckPassword'>(
    rpc: M,
    message: Parameters<PromiseClient<UserServiceClient>[M]>[0],
    requestId: string,
  ): Promise<Sent> {
    const client = new (loadContract().user.UserService)(
      `127.0.0.1:${shared.sandbox.processes.get('user-service')?.port}`,
      grpc.credentials.createInsecure(),
      CHANNEL_OPTIONS,
    );
    const metadata = new grpc.Metadata();
    metadata.set('x-request-id', requestId);
    const send = promiseClient(client)[rpc] as (
      m: typeof message,
      o: grpc.CallOptions,
      md: grpc.Metadata,
    ) => Promise<unknown>;
    try {
      const answer = await send(message, { deadline: Date.now() + 5000 }, metadata).then(
        (reply) => JSON.stringify(reply),
        (error: grpc.ServiceError) => `${grpc.status[error.code]} ${error.details}`,
      );
      return { answer, rpc };
    } finally {
      client.close();
    }
  }

  const cases: Case[] = [
    {
      name: 'REST sign-up: POST /api/users (CreateUser)',
      shows: 'password=[redacted]',
      async send(password, id) {
        const reply = await call('POST', '/api/users', id, { name: 'Secret Keeper', email: newEmail(), password });
        expect(reply.status, reply.text).to.equal(201);
        created.push(reply.body.id);
        return { answer: answerOf(reply), rpc: 'CreateUser' };
      },
    },
    {
      name: 'REST password change: PATCH /api/users/:id (UpdateUser)',
      shows: 'password=[redacted]',
      async send(password, id) {
        const reply = await call('PATCH', `/api/users/${await newUser()}`, id, { password });
        expect(reply.status, reply.text).to.equal(200);
        return { answer: answerOf(reply), rpc: 'UpdateUser' };
      },
    },
    {
      name: 'REST replacement: PUT /api/users/:id (UpdateUser)',
      shows: 'password=[redacted]',
      async send(password, id) {
        const reply = await call('PUT', `/api/users/${await newUser()}`, id, {
          name: 'Secret Keeper',
          email: newEmail(),
          password,
        });
        expect(reply.status, reply.text).to.equal(200);
        return { answer: answerOf(reply), rpc: 'UpdateUser' };
      },
    },
    {
      name: 'REST login: POST /api/auth/login, right password (CheckPassword)',
      shows: 'password=[redacted]',
      async send(password, id) {
        const email = newEmail();
        const signedUp = await request(url(), 'POST', '/api/users', { name: 'Secret Keeper', email, password });
        created.push(signedUp.body.id);
        const reply = await call('POST', '/api/auth/login', id, { email, password });
        expect(reply.status, reply.text).to.equal(200);
        return { answer: answerOf(reply), rpc: 'CheckPassword' };
      },
    },
    {
      name: 'REST login: POST /api/auth/login, wrong password (CheckPassword, UNAUTHENTICATED)',
      shows: 'password=[redacted]',
      async send(password, id) {
        // a user of its own: failed logins are counted per email (five a minute), John's are the lessons'
        const email = newEmail();
        const signedUp = await request(url(), 'POST', '/api/users', {
          name: 'Secret Keeper',
          email,
          password: 'not-the-one-sent',
        });
        created.push(signedUp.body.id);
        const reply = await call('POST', '/api/auth/login', id, { email, password });
        expect(reply.status, reply.text).to.equal(401);
        return { answer: answerOf(reply), rpc: 'CheckPassword' };
      },
    },
    {
      name: 'GraphQL POST: createUser(password: "…") (CreateUser)',
      shows: 'password=[redacted]',
      async send(password, id) {
        const reply = await graphqlPost(id, createUserMutation(password));
        expect(reply.body.data?.createUser?.id, reply.text).to.be.a('string');
        created.push(reply.body.data.createUser.id);
        return { answer: answerOf(reply), rpc: 'CreateUser' };
      },
    },
    {
      name: 'GraphQL POST: createUser(password: $pw) with variables (CreateUser)',
      shows: 'password=[redacted]',
      async send(password, id) {
        const query = `mutation ($pw: String) { createUser(name: "Secret Keeper", email: "${newEmail()}", password: $pw) { id } }`;
        const reply = await graphqlPost(id, query, { pw: password });
        expect(reply.body.data?.createUser?.id, reply.text).to.be.a('string');
        created.push(reply.body.data.createUser.id);
        return { answer: answerOf(reply), rpc: 'CreateUser' };
      },
    },
    {
      name: 'GraphQL GET: /graphql?query=mutation… as a form encodes it (refused, but its URL is traced)',
      shows: 'password: "[redacted]"',
      async send(password, id) {
        const reply = await call('GET', `/graphql?${new URLSearchParams({ query: createUserMutation(password) })}`, id);
        expect(reply.status, reply.text).to.equal(405);
        return { answer: answerOf(reply) };
      },
    },
    {
      name: 'GraphQL GET: /graphql?query=mutation… as encodeURIComponent encodes it',
      shows: 'password: "[redacted]"',
      async send(password, id) {
        const reply = await call('GET', `/graphql?query=${encodeURIComponent(createUserMutation(password))}`, id);
        expect(reply.status, reply.text).to.equal(405);
        return { answer: answerOf(reply) };
      },
    },
    {
      name: "GraphQL GET: the password in the URL's variables",
      shows: '"pw":"[redacted]"',
      async send(password, id) {
        // short enough for the trace to keep the whole URL (it keeps 200 characters)
        const query = 'mutation($pw:String){createUser(name:"K",email:"k@example.com",password:$pw){id}}';
        const reply = await call(
          'GET',
          `/graphql?${new URLSearchParams({ query, variables: JSON.stringify({ pw: password }) })}`,
          id,
        );
        expect(reply.status, reply.text).to.equal(405);
        return { answer: answerOf(reply) };
      },
    },
    {
      name: "GraphQL GET: the password as a variable's default, its argument after a comment",
      shows: '($p:String="[redacted]")',
      async send(password, id) {
        const query = `mutation($p:String="${password}"){createUser(name:"K",email:"k@example.com",password:#\n$p){id}}`;
        const reply = await call('GET', `/graphql?${new URLSearchParams({ query })}`, id);
        expect(reply.status, reply.text).to.equal(405);
        return { answer: answerOf(reply) };
      },
    },
    {
      name: 'a URL with ?pin= and ?code=, the names of shorter secrets',
      shows: 'code=[redacted]',
      async send(secret, id) {
        const reply = await call('GET', `/api/users/1?pin=${secret}&code=${secret}`, id);
        expect(reply.status, reply.text).to.equal(200);
        return { answer: answerOf(reply), rpc: 'GetUser' };
      },
    },
    {
      name: 'a URL with ?password= and ?access_token=',
      shows: 'access_token=[redacted]',
      async send(secret, id) {
        const reply = await call('GET', `/api/users/1?password=${secret}&access_token=${secret}`, id);
        expect(reply.status, reply.text).to.equal(200);
        return { answer: answerOf(reply), rpc: 'GetUser' };
      },
    },
    {
      name: 'a request with a token: GET /api/auth/me (CheckSession, with the session key from the login)',
      shows: 'sessionKey=[redacted]',
      async send(password, id) {
        const email = newEmail();
        const signedUp = await request(url(), 'POST', '/api/users', { name: 'Secret Keeper', email, password });
        created.push(signedUp.body.id);
        const token = (await request(url(), 'POST', '/api/auth/login', { email, password })).body.token as string;
        const sessionKey = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).session as string;
        expect(sessionKey).to.have.length.above(10);
        const reply = await request(url(), 'GET', '/api/auth/me', undefined, {
          'x-request-id': id,
          authorization: `Bearer ${token}`,
        });
        expect(reply.status, reply.text).to.equal(200);
        return { answer: answerOf(reply), rpc: 'CheckSession', secrets: [sessionKey] };
      },
    },
    {
      name: 'gRPC straight to user-service: CreateUser',
      direct: true,
      shows: 'password=[redacted]',
      async send(password, id) {
        const sent = await direct('CreateUser', { name: 'Secret Keeper', email: newEmail(), password }, id);
        created.push(JSON.parse(sent.answer).id);
        return sent;
      },
    },
    {
      name: 'gRPC straight to user-service: UpdateUser',
      direct: true,
      shows: 'password=[redacted]',
      async send(password, id) {
        return direct('UpdateUser', { id: await newUser(), password }, id);
      },
    },
    {
      name: 'gRPC straight to user-service: CheckPassword, wrong password',
      direct: true,
      shows: 'password=[redacted]',
      async send(password, id) {
        return direct('CheckPassword', { email: 'john@example.com', password }, id);
      },
    },
  ];

  after(async () => {
    for (const id of created) await request(url(), 'DELETE', `/api/users/${id}`);
  });

  cases.forEach((which, i) => {
    it(`keeps the secret out of everything: ${which.name}`, async () => {
      const secret = newSecret();
      const requestId = `secrets-${i + 1}`;
      const { direct } = which;
      const stream = followTraces(url());
      const places: Record<string, string> = {};
      let sent: Sent;
      try {
        await until(() => stream.text().startsWith(': one event per traced request'), 'GET /traces/stream to open');
        sent = await which.send(secret, requestId);
        places['the answer'] = sent.answer;
        if (!direct)
          await until(
            () => eventOf(stream.text(), requestId) !== undefined,
            `the trace of ${requestId} on /traces/stream`,
          );
        await untilLines(requestId, sent.rpc, !direct);
      } finally {
        stream.close();
      }
      if (!direct) {
        const trace = await request(url(), 'GET', `/traces/${requestId}`);
        expect(trace.status).to.equal(200);
        places[`GET /traces/${requestId}`] = trace.text;
        places['GET /traces'] = (await request(url(), 'GET', '/traces?limit=100')).text;
        places['the /traces/stream event'] = eventOf(stream.text(), requestId) as string;
      }
      for (const [name, running] of shared.sandbox.processes) places[`${name}'s output`] = running.output.join('\n');
      const cores = [secret.slice(3), ...(sent.secrets ?? [])]; // its random part: whatever the encoding (JSON, URL), it reads the same
      const leaks = Object.entries(places).flatMap(([place, text]) =>
        text
          .split('\n')
          .filter((line) => cores.some((core) => line.includes(core)))
          .map((line) => `${place}: ${line}`),
      );
      expect(leaks, `the secret sent by "${which.name}" shows in:\n${leaks.join('\n')}\n`).to.deep.equal([]);
      // and the field is there, redacted: the trace and the log lines are not silent about it
      const shown = direct
        ? places["user-service's output"]
            .split('\n')
            .filter((line) => line.includes(requestId))
            .join('\n')
        : places[`GET /traces/${requestId}`];
      if (which.shows) expect(decoded(shown), 'the field shows, redacted').to.include(which.shows);
    });
  });

  it("never shows the sandbox's gateway secret (x-gateway-secret), which every call carries", async () => {
    const secret = shared.sandbox.env.GATEWAY_SECRET as string;
    expect(secret).to.have.length.above(8);
    const order = await call('POST', '/api/orders', 'secrets-gateway', { userId: '1', productId: '1', quantity: 1 });
    expect(order.status).to.equal(201);
    await untilLines('secrets-gateway', 'GetUser', true);
    const places: Record<string, string> = {
      'the answer': answerOf(order),
      'GET /traces': (await request(url(), 'GET', '/traces?limit=100')).text,
    };
    for (const [name, running] of shared.sandbox.processes) places[`${name}'s output`] = running.output.join('\n');
    for (const [place, text] of Object.entries(places))
      expect(text.includes(secret), `the gateway secret shows in ${place}`).to.equal(false);
  });

  /** Waits for the last log lines of a request: user-service's hop (if any) and the gateway's request (if through it). */
  async function untilLines(requestId: string, rpc: string | undefined, throughGateway: boolean): Promise<void> {
    const output = (name: string) => shared.sandbox.processes.get(name)?.output ?? [];
    // the line of the finished hop ("… CreateUser … → ok"), not the debug line of its arrival ("← received")
    if (rpc)
      await until(
        () =>
          output('user-service').some(
            (l) => l.includes(`${requestId} user-service `) && l.includes(` ${rpc}`) && l.includes(' → '),
          ),
        `user-service's line for ${requestId}`,
      );
    // the request's own line (its HTTP status) is the gateway's last
    if (throughGateway)
      await until(
        () => output('api-gateway').some((l) => l.includes(`${requestId} api-gateway `) && / → \d{3} /.test(l)),
        `the gateway's line for ${requestId}`,
      );
  }
});

/** GET /traces/stream, read as it comes, until closed. */
function followTraces(baseUrl: string): { text(): string; close(): void } {
  const controller = new AbortController();
  let text = '';
  void fetch(`${baseUrl}/traces/stream`, { signal: controller.signal })
    .then(async (response) => {
      for await (const chunk of (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()))
        text += chunk;
    })
    .catch(() => undefined); // closed
  return { text: () => text, close: () => controller.abort() };
}

/** The whole event (`event: trace`, `data: {…}`) of one request, once it has arrived. */
function eventOf(stream: string, requestId: string): string | undefined {
  const data = 'event: trace\ndata: ';
  // every event ends with an empty line; the last piece is one still arriving
  const events = stream.split('\n\n').slice(0, -1);
  return events.find(
    (event) =>
      event.startsWith(data) && (JSON.parse(event.slice(data.length)) as { requestId: string }).requestId === requestId,
  );
}

// a trace's text as a person reads it: %-escapes decoded
function decoded(text: string): string {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}
