// Who may do what (auth/policy.ts, lesson 11): a route without a rule is open to any token, so
// every route the gateway describes must have its rule.
import { expect } from 'chai';
import { ROUTES } from '../src/auth/policy';
import { OPERATIONS } from '../src/openapi/document';

// the routes of the OpenAPI description that the rules do not cover, and what guards them instead
const GUARDED_ELSEWHERE: Record<string, string> = {
  'GET /health': 'open to all: is the sandbox up?',
  'GET /health/live': 'open to all: is the gateway up?',
  'GET /lab/settings': "the sandbox's controls: guardControls (open to read)",
  'PATCH /lab/settings': "the sandbox's controls: guardControls (the admin's with AUTH=required)",
};

describe('the rules of auth', () => {
  const described = OPERATIONS.map(
    (operation) => `${operation.method.toUpperCase()} ${operation.path.replace(/\{(\w+)\}/g, ':$1')}`,
  );

  it('has a rule for every route of the OpenAPI description', () => {
    const missing = described.filter((route) => !(route in ROUTES) && !(route in GUARDED_ELSEWHERE));
    expect(missing, 'routes without a rule in auth/policy.ts ROUTES').to.deep.equal([]);
  });

  it('has no rule for a route that is not there: every rule names a described route, or GraphQL', () => {
    const unknown = Object.keys(ROUTES).filter((route) => !described.includes(route) && !/ \/graphql$/.test(route));
    expect(unknown).to.deep.equal([]);
    for (const route of Object.keys(GUARDED_ELSEWHERE)) expect(described, route).to.include(route);
  });
});
