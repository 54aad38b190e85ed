import { expect } from 'chai';
import { totalPrice } from '../src/pricing';

describe('totalPrice (DIAGRAM step 5)', () => {
  it("is 1000 × 2 = 2000 for the diagram's order", () => {
    expect(totalPrice(1000, 2)).to.equal(2000);
  });

  it('is exact to the cent where floating point is not', () => {
    expect(19.99 * 7).to.equal(139.92999999999998); // what plain multiplication gives
    expect(totalPrice(19.99, 7)).to.equal(139.93);
    expect(totalPrice(4.35, 100)).to.equal(435);
    expect(totalPrice(0.1, 3)).to.equal(0.3);
    expect(totalPrice(19.99, 3)).to.equal(59.97);
    expect(totalPrice(49.99, 1000)).to.equal(49990);
  });
});
