// The same users at every start, so tutorials can rely on their ids.
// DIAGRAM step 4a returns user "1": { id: "1", name: "John", email: "john@example.com" }.
import { UserStore } from './store';

export const SEED_USERS = [
  { name: 'John', email: 'john@example.com' },
  { name: 'Jane', email: 'jane@example.com' },
  { name: 'Ada Lovelace', email: 'ada@example.com' },
];

export function createSeededStore(): UserStore {
  const store = new UserStore();
  for (const user of SEED_USERS) store.create(user);
  return store;
}
