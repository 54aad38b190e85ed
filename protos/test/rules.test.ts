import { expect } from 'chai';
import { hasAtMostTwoDecimals, isValidEmail, isValidName, isValidPrice, isValidQuantity, ruleMessage } from '../src/rules';

describe('the contract rules', () => {
  it('accepts quantities that are whole numbers from 1 to 1000 only', () => {
    expect([1, 2, 1000].map(isValidQuantity)).to.deep.equal([true, true, true]);
    expect([0, -3, 1.7, 1001, 1e12, Number.NaN, Infinity].map(isValidQuantity)).to.deep.equal([false, false, false, false, false, false, false]);
  });

  it('accepts prices with at most two decimals, including those floating point cannot hold exactly', () => {
    expect([0, 1000, 19.99, 0.1, 49.99, 1_000_000].map(isValidPrice)).to.deep.equal([true, true, true, true, true, true]);
    expect([-1, 19.999, 1_000_000.01, Infinity, Number.NaN].map(isValidPrice)).to.deep.equal([false, false, false, false, false]);
    expect(hasAtMostTwoDecimals(19.99)).to.equal(true);
  });

  it('accepts plain email addresses and rejects ones without @, domain or with spaces', () => {
    expect(isValidEmail('john@example.com')).to.equal(true);
    expect(['john', 'john@', 'john@example', 'jo hn@example.com', ''].map(isValidEmail)).to.deep.equal([false, false, false, false, false]);
  });

  it('rejects blank names and counts characters, not UTF-16 units, against the limit', () => {
    expect(isValidName('   ')).to.equal(false);
    expect(isValidName('Zoë 🚀')).to.equal(true);
    expect(isValidName('🚀'.repeat(100))).to.equal(true);
    expect(isValidName('a'.repeat(101))).to.equal(false);
  });

  it('words every broken rule the same way, naming the field', () => {
    expect(ruleMessage('quantity')).to.equal('quantity must be a whole number from 1 to 1000');
  });
});
