// The same users at every start, so tutorials can rely on their ids.
// DIAGRAM step 4a returns user "1": { id: "1", name: "John", email: "john@example.com" }.
// Their passwords (tutorial lesson 11) are in the comments; the store keeps only their salted
// hashes (passwords.ts), made once with hashPassword() at the default cost so that start-up does not
// pay for them.
import { DEFAULT_HASH_COST, hashPasswordSync } from './passwords';
import { UserStore, type IdBlock, type NewUser } from './store';

export const SEED_USERS: NewUser[] = [
  // password: john-secret
  {
    name: 'John',
    email: 'john@example.com',
    role: 'user',
    passwordHash:
      'scrypt$16384$c73c2b8bc3c62ace6326a3349ce5fcaa$c57e7ce981195e81af27045c9c8f758501b9654fb31232ae2f8901d489216534',
  },
  // password: jane-secret
  {
    name: 'Jane',
    email: 'jane@example.com',
    role: 'user',
    passwordHash:
      'scrypt$16384$f2f038b208a5042bc9dcded60e52797b$a535b5a109b6ee4771caca2fbc02298c6c3319a06553da2ebac68911bd9b2d46',
  },
  // password: ada-secret. Ada is the admin: the one who may change products (lesson 11)
  {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    role: 'admin',
    passwordHash:
      'scrypt$16384$130861c5093bb1bbbf06c2155c0f274c$699829432d2b7a4ef008fae9b0163d8fa83e6ba9dc74a7d2b494f9aa1780e6b4',
  },
];

// the passwords in the comments above, in the same order: to hash them at another cost
const SEED_PASSWORDS = ['john-secret', 'jane-secret', 'ada-secret'];

/**
 * The seeded users with their passwords hashed at `cost` (PASSWORD_HASH_COST, config.ts): at the
 * default, SEED_USERS as they are, at no cost; at another, three hashes now (2.5 ms each at 1024,
 * what the tests use, so that logging in as John is as cheap there as any other login).
 */
export function seedUsersAt(cost: number): NewUser[] {
  if (cost === DEFAULT_HASH_COST) return SEED_USERS;
  return SEED_USERS.map((user, i) => ({ ...user, passwordHash: hashPasswordSync(SEED_PASSWORDS[i], cost) }));
}

/** The seeded users (`users`: seedUsersAt), 1 to 3; then new users get the ids of `newUserIds` (config.ts), or 4, 5, … */
export function createSeededStore(newUserIds?: IdBlock, users: NewUser[] = SEED_USERS): UserStore {
  const store = new UserStore();
  for (const user of users) store.create(user);
  if (newUserIds) store.giveNewUsersIds(newUserIds);
  return store;
}
