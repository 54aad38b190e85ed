import { expect } from 'chai';
import {
  hasAtMostTwoDecimals,
  isValidDescription,
  isValidEmail,
  isValidName,
  isValidPrice,
  isValidQuantity,
  ruleMessage,
} from '../src/rules';

describe('the contract rules', () => {
  it('accepts quantities that are whole numbers from 1 to 1000 only', () => {
    expect([1, 2, 1000].map(isValidQuantity)).to.deep.equal([true, true, true]);
    expect([0, -3, 1.7, 1001, 1e12, Number.NaN, Infinity].map(isValidQuantity)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('accepts prices with at most two decimals, including those floating point cannot hold exactly', () => {
    expect([0, 1000, 19.99, 0.1, 49.99, 1_000_000].map(isValidPrice)).to.deep.equal([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([-1, 19.999, 1_000_000.01, Infinity, Number.NaN].map(isValidPrice)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
    ]);
    // not "two decimals within floating-point noise": stored and charged prices must be the same number
    expect([19.990000001, 0.30000000000000004, 0.1 + 0.2].map(isValidPrice)).to.deep.equal([false, false, false]);
    for (let cents = 0; cents < 100_000; cents += 7)
      expect(isValidPrice(cents / 100), String(cents / 100)).to.equal(true);
    expect(hasAtMostTwoDecimals(19.99)).to.equal(true);
  });

  it('accepts plain email addresses and rejects ones without @, domain or with spaces', () => {
    expect(isValidEmail('john@example.com')).to.equal(true);
    expect(['john', 'john@', 'john@example', 'jo hn@example.com', ''].map(isValidEmail)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('rejects blank names and counts characters, not UTF-16 units, against the limit', () => {
    expect(isValidName('   ')).to.equal(false);
    expect(isValidName('Zoë 🚀')).to.equal(true);
    expect(isValidName('🚀'.repeat(100))).to.equal(true);
    expect(isValidName('a'.repeat(101))).to.equal(false);
  });

  it('refuses control characters in names and emails (they could forge log lines), and all but newline in descriptions', () => {
    for (const name of ['x\n08:00:00.000 INFO: FAKE', 'red\x1b[31m', 'nul\0', 'tab\there', 'del\x7f'])
      expect(isValidName(name), JSON.stringify(name)).to.equal(false);
    expect(isValidEmail('a\x1b[2J@example.com')).to.equal(false);
    expect(isValidDescription('two\nlines')).to.equal(true);
    expect(isValidDescription('bell\x07')).to.equal(false);
    expect(isValidName('👩🏽‍💻 Ada')).to.equal(true); // the zero-width joiner inside an emoji is not a control character
  });

  it('words every broken rule the same way, naming the field', () => {
    expect(ruleMessage('quantity')).to.equal('quantity must be a whole number from 1 to 1000');
  });
});
