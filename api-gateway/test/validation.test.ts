// Bodies are checked before they are encoded: protobuf would turn 1.7 into 1 and "abc" into 0.
import Ajv from 'ajv';
import { expect } from 'chai';
import { loginBody } from '../src/auth/schemas';
import { schemas } from '../src/conversion/validation';
import { eventsQuery } from '../src/events/schemas';
import { settingsBody } from '../src/settings/schemas';

function firstError(validate: (typeof schemas)[keyof typeof schemas], body: unknown): string {
  return validate(body) ? 'valid' : `${validate.errors?.[0]?.instancePath || '/'} ${validate.errors?.[0]?.keyword}`;
}

describe('request body schemas', () => {
  it("accept the diagram's order body", () => {
    expect(firstError(schemas.order, { userId: '1', productId: '1', quantity: 2 })).to.equal('valid');
  });

  it('reject quantities protobuf would silently change', () => {
    expect(firstError(schemas.order, { userId: '1', productId: '1', quantity: 1.7 })).to.equal('/quantity type');
    expect(firstError(schemas.order, { userId: '1', productId: '1', quantity: 'abc' })).to.equal('/quantity type');
    expect(firstError(schemas.order, { userId: '1', productId: '1', quantity: 1e12 })).to.equal('/quantity maximum');
    expect(firstError(schemas.order, { userId: '1', productId: '1', quantity: 0 })).to.equal('/quantity minimum');
  });

  it('reject ids sent as numbers and unknown fields (often a typo)', () => {
    expect(firstError(schemas.order, { userId: 1, productId: '1', quantity: 2 })).to.equal('/userId type');
    expect(firstError(schemas.order, { userId: '1', productId: '1', quantity: 2, quantitiy: 3 })).to.equal(
      '/ additionalProperties',
    );
  });

  it('accept prices with cents and reject sub-cent, negative or string prices', () => {
    expect(firstError(schemas.product, { name: 'Pen', price: 19.99 })).to.equal('valid');
    expect(firstError(schemas.product, { name: 'Pen', price: 19.999 })).to.equal('/price money');
    expect(firstError(schemas.product, { name: 'Pen', price: -1 })).to.equal('/price minimum');
    expect(firstError(schemas.product, { name: 'Pen', price: '5' })).to.equal('/price type');
  });

  it('need every field for a new user, and at least one for a change', () => {
    expect(firstError(schemas.user, { name: 'Ada' })).to.equal('/ required');
    expect(firstError(schemas.userChanges, {})).to.equal('/ minProperties');
    expect(firstError(schemas.userChanges, { email: 'ada@example.com' })).to.equal('valid');
  });

  it('reject bodies that are not JSON objects', () => {
    for (const body of [[], 'hello', 42, null]) expect(firstError(schemas.user, body)).to.equal('/ type');
  });

  // each is compiled on its first use, not at start: a schema ajv's strict mode refuses would
  // otherwise show only when a request first needs it; and the gateway leaves it to this test to
  // check each against JSON Schema's own schema (validation.ts)
  it('every schema the gateway checks with compiles, and is valid JSON Schema', () => {
    const metaSchema = new Ajv();
    for (const validate of [...Object.values(schemas), loginBody, eventsQuery, settingsBody]) {
      expect(validate({}), JSON.stringify(validate.schema)).to.be.a('boolean');
      expect(metaSchema.validateSchema(validate.schema), metaSchema.errorsText()).to.equal(true);
    }
  });
});
