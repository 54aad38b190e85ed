// The same products at every start, so tutorials can rely on their ids.
// DIAGRAM step 4b returns product "1": { id: "1", name: "Laptop", price: 1000 }.
import { ProductStore } from './store';

// Stock (lesson 16): enough Laptops for a whole class, load tests included, to order the diagram's 2.
export const SEED_PRODUCTS = [
  { name: 'Laptop', description: '14-inch, 16 GB RAM', price: 1000, stock: 10_000 },
  { name: 'Mouse', description: 'Wireless, two buttons', price: 25, stock: 1000 },
  { name: 'Keyboard', description: 'Mechanical, US layout', price: 49.99, stock: 200 },
  { name: 'USB-C Cable', description: '1 m, braided', price: 19.99, stock: 1000 }, // 7 of them: 139.93, see pricing.ts
];

export function createSeededStore(): ProductStore {
  const store = new ProductStore();
  for (const product of SEED_PRODUCTS) store.create(product);
  return store;
}
