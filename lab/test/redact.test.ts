// What traces and log lines never show (src/redact.ts): secret names, and secrets in URLs.
import { expect } from 'chai';
import { isSecretName, redactUrl } from '../src/redact';

// a URL as a person reads it: %-escapes and "+" decoded
const readable = (url: string) => decodeURIComponent(url.replace(/\+/g, ' '));

describe('redaction', () => {
  describe('names of secrets', () => {
    it('knows the contract\'s secret fields and the names a secret goes by in a URL', () => {
      for (const name of ['password', 'sessionKey', 'session_key', 'token', 'access_token', 'accessToken', 'refresh_token', 'secret', 'client_secret', 'x-gateway-secret', 'api_key', 'apiKey', 'key', 'auth', 'Authorization', 'jwt', 'pwd', 'passwd', 'user[password]', 'newPassword', 'credentials']) {
        expect(isSecretName(name), name).to.equal(true);
      }
    });

    it('leaves the contract\'s other fields and the paging tokens alone', () => {
      for (const name of ['id', 'name', 'email', 'query', 'pageSize', 'pageToken', 'page_token', 'nextPageToken', 'stockKey', 'author', 'keyword', 'userId']) {
        expect(isSecretName(name), name).to.equal(false);
      }
    });
  });

  describe('URLs', () => {
    it('leaves a URL without a secret exactly as it came', () => {
      for (const url of ['/api/users/1', '/api/products?query=lap+top&pageSize=10&pageToken=MTA', '/graphql?query=%7B%20users(pageToken%3A%20%22MTA%22)%20%7B%20items%20%7B%20name%20%7D%20%7D%20%7D', '/api/products?query=%E0%A4%A', '/api/orders?flag']) {
        expect(redactUrl(url)).to.equal(url);
      }
    });

    it('redacts the value of a parameter named like a secret, however its name is written', () => {
      expect(redactUrl('/api/users/1?password=hunter22&access_token=eyJ.x.y&pageSize=2')).to.equal('/api/users/1?password=[redacted]&access_token=[redacted]&pageSize=2');
      expect(redactUrl('/api/users?user%5Bpassword%5D=hunter22&api_key=k&sessionKey=s')).to.equal('/api/users?user%5Bpassword%5D=[redacted]&api_key=[redacted]&sessionKey=[redacted]');
      expect(redactUrl('/x?pass%77ord=hunter22')).to.equal('/x?pass%77ord=[redacted]'); // an escaped letter
      expect(redactUrl('/x?password=%E0%A4%A')).to.equal('/x?password=[redacted]'); // a broken escape
    });

    describe('a GraphQL query in the URL', () => {
      const mutation = 'mutation { createUser(name: "Ada", email: "ada@example.com", password: "hunter22") { id } }';

      it('redacts the password argument, encoded as a form, as encodeURIComponent, or not at all', () => {
        for (const url of [`/graphql?${new URLSearchParams({ query: mutation })}`, `/graphql?query=${encodeURIComponent(mutation)}`, `/graphql?query=${mutation}`]) {
          const redacted = redactUrl(url);
          expect(redacted, url).not.to.include('hunter22');
          expect(readable(redacted)).to.equal('/graphql?query=mutation { createUser(name: "Ada", email: "ada@example.com", password: "[redacted]") { id } }');
        }
      });

      it('redacts every way of writing a value: block strings, escapes, unclosed strings, numbers, lists and input objects', () => {
        const cases: Array<[string, string]> = [
          ['{ createUser(password: """hunter22""") }', '{ createUser(password: "[redacted]") }'],
          ['{ createUser(password:"hun\\"ter22", name:"Ada") }', '{ createUser(password:"[redacted]", name:"Ada") }'],
          ['{ createUser(password: "hunter22', '{ createUser(password: "[redacted]"'],
          ['{ createUser(password: 12345678) }', '{ createUser(password: "[redacted]") }'],
          ['{ f(passwords: ["hunter22", "x]y"], name: "Ada") }', '{ f(passwords: "[redacted]", name: "Ada") }'],
          ['{ f(input: {name: "Ada", password: "hunter22"}) }', '{ f(input: {name: "Ada", password: "[redacted]"}) }'],
          ['{ f(sessionKey: "hunter22", pageToken: "MTA") }', '{ f(sessionKey: "[redacted]", pageToken: "MTA") }'],
        ];
        for (const [query, shown] of cases) expect(readable(redactUrl(`/graphql?query=${encodeURIComponent(query)}`)), query).to.equal(`/graphql?query=${shown}`);
      });

      it('redacts the variables a password argument takes, and secret names among the variables', () => {
        const query = 'mutation ($pw: String, $name: String) { createUser(name: $name, email: "ada@example.com", password: $pw) { id } }';
        const url = `/graphql?${new URLSearchParams({ query, variables: JSON.stringify({ pw: 'hunter22', name: 'Ada' }) })}`;
        const redacted = redactUrl(url);
        expect(redacted.split('&')[0], 'the query has no secret in it').to.equal(url.split('&')[0]);
        expect(readable(redacted.split('&')[1])).to.equal('variables={"pw":"[redacted]","name":"Ada"}');
        expect(readable(redactUrl(`/graphql?variables=${encodeURIComponent('{"password": "hunter22"}')}`))).to.equal('/graphql?variables={"password": "[redacted]"}');
      });
    });
  });
});
