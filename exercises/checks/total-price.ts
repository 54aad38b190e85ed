// exercise total-price (lesson 4, DIAGRAM step 5): totalPrice = price × quantity, exact to the cent.
import { checkBehaviours, missing } from './kit';

import { totalPrice } from '../../order-service/src/pricing';

const cases: Array<[number, number, number]> = [
  [1000, 2, 2000], // the diagram's order
  [19.99, 3, 59.97],
  [19.99, 7, 139.93], // in floating point, 19.99 × 7 is 139.92999999999998
  [4.35, 100, 435],
  [0.1, 3, 0.3],
  [0.01, 1000, 10],
  [0, 5, 0],
];

void checkBehaviours(
  'total-price',
  cases.map(([price, quantity, total]) => ({
    behaviour: `${price} × ${quantity} is ${total}, to the cent`,
    async check() {
      const got = totalPrice(price, quantity);
      if (got !== total) missing({ sent: `totalPrice(${price}, ${quantity})`, got, expected: String(total) });
    },
  })),
);
