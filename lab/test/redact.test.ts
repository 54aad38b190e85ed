// What traces and log lines never show (src/redact.ts): secret names, and secrets in URLs.
import { expect } from 'chai';
import { isSecretName, redactUrl } from '../src/redact';

// a URL as a person reads it: %-escapes and "+" decoded
const readable = (url: string) => decodeURIComponent(url.replace(/\+/g, ' '));

describe('redaction', () => {
  describe('names of secrets', () => {
    it("knows the contract's secret fields and the names a secret goes by in a URL", () => {
      for (const name of [
        'password',
        'sessionKey',
        'session_key',
        'token',
        'access_token',
        'accessToken',
        'refresh_token',
        'secret',
        'client_secret',
        'x-gateway-secret',
        'api_key',
        'apiKey',
        'key',
        'auth',
        'Authorization',
        'jwt',
        'pwd',
        'passwd',
        'user[password]',
        'newPassword',
        'credentials',
      ]) {
        expect(isSecretName(name), name).to.equal(true);
      }
    });

    it('knows the shorter and other names a secret goes by: pw, passcode, pin, otp, session, sid, code, sig, signature, cookie', () => {
      for (const name of [
        'pw',
        'PW',
        'passcode',
        'pass_code',
        'pin',
        'PIN',
        'pincode',
        'otp',
        'totp',
        'session',
        'session_id',
        'sessionId',
        'sid',
        'code',
        'auth_code',
        'verification_code',
        'sig',
        'signature',
        'x-signature',
        'cookie',
        'set-cookie',
      ]) {
        expect(isSecretName(name), name).to.equal(true);
      }
    });

    it("leaves the contract's other fields and the paging tokens alone", () => {
      for (const name of [
        'id',
        'name',
        'email',
        'query',
        'pageSize',
        'pageToken',
        'page_token',
        'nextPageToken',
        'stockKey',
        'author',
        'keyword',
        'userId',
        'productId',
        'quantity',
        'status',
        'role',
        'after',
        'follow',
        'expand',
        'zipcode',
        'countryCode',
        'signup',
        'design',
        'pinned',
        'spin',
        'position',
        'sessions',
        'variables',
      ]) {
        expect(isSecretName(name), name).to.equal(false);
      }
    });
  });

  describe('URLs', () => {
    it('leaves a URL without a secret exactly as it came', () => {
      for (const url of [
        '/api/users/1',
        '/api/products?query=lap+top&pageSize=10&pageToken=MTA',
        '/graphql?query=%7B%20users(pageSize%3A%205)%20%7B%20items%20%7B%20name%20%7D%20%7D%20%7D',
        '/api/products?query=%E0%A4%A',
        '/api/orders?flag',
      ]) {
        expect(redactUrl(url)).to.equal(url);
      }
    });

    it('redacts the value of a parameter named like a secret, however its name is written', () => {
      expect(redactUrl('/api/users/1?password=hunter22&access_token=eyJ.x.y&pageSize=2')).to.equal(
        '/api/users/1?password=[redacted]&access_token=[redacted]&pageSize=2',
      );
      expect(redactUrl('/api/users?user%5Bpassword%5D=hunter22&api_key=k&sessionKey=s')).to.equal(
        '/api/users?user%5Bpassword%5D=[redacted]&api_key=[redacted]&sessionKey=[redacted]',
      );
      expect(redactUrl('/x?pass%77ord=hunter22')).to.equal('/x?pass%77ord=[redacted]'); // an escaped letter
      expect(redactUrl('/x?password=%E0%A4%A')).to.equal('/x?password=[redacted]'); // a broken escape
      expect(redactUrl('/api/users/1?pw=a&passcode=b&pin=1234&session=c&code=d&sig=e&pageSize=2')).to.equal(
        '/api/users/1?pw=[redacted]&passcode=[redacted]&pin=[redacted]&session=[redacted]&code=[redacted]&sig=[redacted]&pageSize=2',
      );
    });

    it('redacts the value after a secret name wherever a parameter holds JSON, its name escaped or not', () => {
      expect(
        readable(redactUrl(`/api/users?filter=${encodeURIComponent('{"name": "Ada", "password": "hunter22"}')}`)),
      ).to.equal('/api/users?filter={"name": "Ada", "password": "[redacted]"}');
      expect(readable(redactUrl(`/api/users?filter=${encodeURIComponent('{"\\u0070in": 1234}')}`))).to.equal(
        '/api/users?filter={"\\u0070in": "[redacted]"}',
      );
    });

    describe('a GraphQL query in the URL', () => {
      const mutation = 'mutation { createUser(name: "Ada", email: "ada@example.com", password: "hunter22") { id } }';

      it('redacts every string of the query, encoded as a form, as encodeURIComponent, or not at all', () => {
        for (const url of [
          `/graphql?${new URLSearchParams({ query: mutation })}`,
          `/graphql?query=${encodeURIComponent(mutation)}`,
          `/graphql?query=${mutation}`,
          `/GraphQL/?query=${encodeURIComponent(mutation)}`,
        ]) {
          const redacted = redactUrl(url);
          expect(redacted, url).not.to.include('hunter22');
          expect(readable(redacted).split('?')[1]).to.equal(
            'query=mutation { createUser(name: "[redacted]", email: "[redacted]", password: "[redacted]") { id } }',
          );
        }
      });

      it('redacts every way of writing a value: block strings, escapes, unclosed strings, numbers, lists and input objects', () => {
        const cases: Array<[string, string]> = [
          ['{ createUser(password: """hunter22""") }', '{ createUser(password: "[redacted]") }'],
          [
            '{ createUser(password:"hun\\"ter22", name:"Ada") }',
            '{ createUser(password:"[redacted]", name:"[redacted]") }',
          ],
          ['{ createUser(password: "hunter22', '{ createUser(password: "[redacted]"'],
          ['{ createUser(password: 12345678) }', '{ createUser(password: "[redacted]") }'],
          ['{ f(passwords: ["hunter22", "x]y"], name: "Ada") }', '{ f(passwords: "[redacted]", name: "[redacted]") }'],
          [
            '{ f(input: {name: "Ada", password: "hunter22"}) }',
            '{ f(input: {name: "[redacted]", password: "[redacted]"}) }',
          ],
          [
            '{ f(sessionKey: "hunter22", pageToken: "MTA", pageSize: 5) }',
            '{ f(sessionKey: "[redacted]", pageToken: "[redacted]", pageSize: 5) }',
          ],
        ];
        for (const [query, shown] of cases)
          expect(readable(redactUrl(`/graphql?query=${encodeURIComponent(query)}`)), query).to.equal(
            `/graphql?query=${shown}`,
          );
      });

      it('redacts a string whatever its argument is named, and wherever GraphQL lets it stand: a default, after commas or a comment', () => {
        const cases: Array<[string, string]> = [
          [
            'mutation($p:String="hunter22"){createUser(name:"K",email:"k@example.com",password:$p){id}}',
            'mutation($p:String="[redacted]"){createUser(name:"[redacted]",email:"[redacted]",password:$p){id}}',
          ],
          ['{ createUser(password,:"hunter22") }', '{ createUser(password,:"[redacted]") }'],
          ['{ createUser(password:#\n"hunter22") }', '{ createUser(password:#\n"[redacted]") }'],
          [
            '{ f(x: 1) # a "quote in a comment\n createUser(password: "hunter22") }',
            '{ f(x: 1) # a "quote in a comment\n createUser(password: "[redacted]") }',
          ],
          [
            '{ f(note: "a # is no comment here", password: "hunter22") }',
            '{ f(note: "[redacted]", password: "[redacted]") }',
          ],
          ['{ f(pin,:#\n 1234, code: 987654) }', '{ f(pin,:#\n "[redacted]", code: "[redacted]") }'],
        ];
        for (const [query, shown] of cases)
          expect(readable(redactUrl(`/graphql?query=${encodeURIComponent(query)}`)), query).to.equal(
            `/graphql?query=${shown}`,
          );
      });

      it('redacts every string among the variables, whatever its name, escaped or not', () => {
        const query =
          'mutation ($pw: String, $name: String) { createUser(name: $name, email: "ada@example.com", password: $pw) { id } }';
        const url = `/graphql?${new URLSearchParams({ query, variables: JSON.stringify({ pw: 'hunter22', name: 'Ada' }) })}`;
        const redacted = redactUrl(url);
        expect(readable(redacted.split('&')[0])).to.equal(
          '/graphql?query=mutation ($pw: String, $name: String) { createUser(name: $name, email: "[redacted]", password: $pw) { id } }',
        );
        expect(readable(redacted.split('&')[1])).to.equal('variables={"pw":"[redacted]","name":"[redacted]"}');
        expect(readable(redactUrl(`/graphql?variables=${encodeURIComponent('{"password": "hunter22"}')}`))).to.equal(
          '/graphql?variables={"password": "[redacted]"}',
        );
        const escaped = '{"\\u0070": "hunter22", "n": {"deep": ["hunter23"]}, "size": 5, "ok": true}';
        expect(readable(redactUrl(`/graphql?variables=${encodeURIComponent(escaped)}`))).to.equal(
          '/graphql?variables={"\\u0070": "[redacted]", "n": {"deep": ["[redacted]"]}, "size": 5, "ok": true}',
        );
        // a variable bound to a secret argument: whatever it holds
        const bound = `/graphql?${new URLSearchParams({ query: 'mutation($p: Int) { f(pin: $p) }', variables: '{"p": 1234}' })}`;
        expect(readable(redactUrl(bound).split('&')[1])).to.equal('variables={"p": "[redacted]"}');
      });

      it('reads a hostile URL once: eight times as long takes about eight times as long, not sixty-four', () => {
        // the best of several runs, each after a first one: what the code costs, not the machine's moods
        const cost = (url: string) =>
          Math.min(
            ...Array.from({ length: 7 }, () => {
              const started = performance.now();
              redactUrl(url);
              return performance.now() - started;
            }).slice(1),
          );
        for (const filler of ['#', '"', ',', '"#', '# "', '\\"', 'a:', '"a":', ' ']) {
          for (const make of [
            (text: string) => `/graphql?query=${encodeURIComponent(`{ f(password: ${text}`)}`,
            (text: string) => `/graphql?variables=${encodeURIComponent(`{"password": ${text}`)}`,
            (text: string) => `/api/users?filter=${encodeURIComponent(`{"password": ${text}`)}`,
          ]) {
            const ratio =
              cost(make(filler.repeat(Math.ceil(8000 / filler.length)))) /
              cost(make(filler.repeat(Math.ceil(1000 / filler.length))));
            expect(ratio, `${make(filler)}…`).to.be.below(24);
          }
        }
      });
    });
  });
});
