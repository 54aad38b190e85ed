// The same users at every start, so tutorials can rely on their ids.
// DIAGRAM step 4a returns user "1": { id: "1", name: "John", email: "john@example.com" }.
// Their passwords (tutorial lesson 11) are in the comments; the store keeps only their salted
// hashes (passwords.ts), made once with hashPassword() so that start-up does not pay for them.
import { UserStore, type IdBlock, type NewUser } from './store';

export const SEED_USERS: NewUser[] = [
  // password: john-secret
  {
    name: 'John',
    email: 'john@example.com',
    role: 'user',
    passwordHash:
      'scrypt$c73c2b8bc3c62ace6326a3349ce5fcaa$c57e7ce981195e81af27045c9c8f758501b9654fb31232ae2f8901d489216534',
  },
  // password: jane-secret
  {
    name: 'Jane',
    email: 'jane@example.com',
    role: 'user',
    passwordHash:
      'scrypt$f2f038b208a5042bc9dcded60e52797b$a535b5a109b6ee4771caca2fbc02298c6c3319a06553da2ebac68911bd9b2d46',
  },
  // password: ada-secret. Ada is the admin: the one who may change products (lesson 11)
  {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    role: 'admin',
    passwordHash:
      'scrypt$130861c5093bb1bbbf06c2155c0f274c$699829432d2b7a4ef008fae9b0163d8fa83e6ba9dc74a7d2b494f9aa1780e6b4',
  },
];

/** The seeded users, 1 to 3; then new users get the ids of `newUserIds` (config.ts), or 4, 5, … */
export function createSeededStore(newUserIds?: IdBlock): UserStore {
  const store = new UserStore();
  for (const user of SEED_USERS) store.create(user);
  if (newUserIds) store.giveNewUsersIds(newUserIds);
  return store;
}
