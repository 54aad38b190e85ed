// user-service's data: a Map in memory (DIAGRAM: "User Data (Map)"). No gRPC here, so it can be
// tested on its own. Rules such as "emails are unique" are the handlers' job.
import { newSessionKey } from './sessions';

export interface User {
  id: string;
  name: string;
  email: string;
}

export type Role = 'user' | 'admin';

// What is kept for each user besides the User itself, and never leaves user-service as it is:
// the hash of the password (passwords.ts; "" when the user has none), the role (lesson 11), and the
// session key that login tokens carry (sessions.ts), which only CheckPassword gives out.
interface Credentials {
  role: Role;
  passwordHash: string;
  sessionKey: string;
}

// a session key is never given: each user gets a new one here
export type NewUser = Omit<User, 'id'> & Partial<Omit<Credentials, 'sessionKey'>>;
export type UserChanges = Partial<Omit<User, 'id'>> & { passwordHash?: string };

/** The ids new users get: `from`, from + 1, … up to `to` (NEW_USER_IDS_FROM, NEW_USER_IDS_TO: config.ts). */
export interface IdBlock {
  from: number;
  to: number;
}

// the largest id a page token can carry (protos/src/paging.ts): fifteen digits
export const LARGEST_ID = 999_999_999_999_999;

export class UserStore {
  private readonly users = new Map<string, User & Credentials>();
  private lastId = 0;
  private newIds: IdBlock = { from: 1, to: LARGEST_ID };

  /** From now on, new users get the ids of `block` (createSeededStore: after the seeded users). */
  giveNewUsersIds(block: IdBlock): void {
    // an id this store has given is never given again, not even after a delete
    if (block.from <= this.lastId)
      throw new Error(`new users cannot get ids from ${block.from}: this store has given ids up to ${this.lastId}`);
    this.newIds = block;
    this.lastId = block.from - 1;
  }

  /** The ids new users get, and whether one is left (when `to` has been given, none is). */
  newUserIds(): IdBlock & { left: boolean } {
    return { ...this.newIds, left: this.lastId < this.newIds.to };
  }

  create(fields: NewUser): User {
    if (!this.newUserIds().left)
      throw new Error(`no id is left for a new user: ids ${this.newIds.from} to ${this.newIds.to} have all been given`);
    // ids are "1", "2", … as on the diagram
    const id = String(++this.lastId);
    // a new key for every user, the seeded ones at every start too: a token made for whoever had
    // this id before a reset, or before a restart of a user-service run on its own (which counts
    // from 4 again), does not fit this user
    this.users.set(id, {
      id,
      name: fields.name,
      email: fields.email,
      role: fields.role ?? 'user',
      passwordHash: fields.passwordHash ?? '',
      sessionKey: newSessionKey(),
    });
    return this.get(id) as User;
  }

  get(id: string): User | undefined {
    const user = this.users.get(id);
    return user && publicPart(user);
  }

  /** Every user, oldest first. */
  list(): User[] {
    return [...this.users.values()].map(publicPart);
  }

  findByEmail(email: string): User | undefined {
    const user = this.findStored(email);
    return user && publicPart(user);
  }

  /** The user with this email, with their role, password hash and session key: for CheckPassword only. */
  credentialsOf(email: string): { user: User; role: Role; passwordHash: string; sessionKey: string } | undefined {
    const user = this.findStored(email);
    return (
      user && { user: publicPart(user), role: user.role, passwordHash: user.passwordHash, sessionKey: user.sessionKey }
    );
  }

  /** The user with this id, with their role and session key: for CheckSession only. */
  sessionOf(id: string): { user: User; role: Role; sessionKey: string } | undefined {
    const user = this.users.get(id);
    return user && { user: publicPart(user), role: user.role, sessionKey: user.sessionKey };
  }

  update(id: string, changes: UserChanges): User | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.email !== undefined) user.email = changes.email;
    if (changes.passwordHash !== undefined) {
      user.passwordHash = changes.passwordHash;
      // a new password ends every login made with the old one
      user.sessionKey = newSessionKey();
    }
    return publicPart(user);
  }

  delete(id: string): boolean {
    return this.users.delete(id);
  }

  private findStored(email: string): (User & Credentials) | undefined {
    const wanted = foldAsciiCase(email);
    return [...this.users.values()].find((u) => foldAsciiCase(u.email) === wanted);
  }
}

// Emails match whatever the case of their ASCII letters, A to Z, and only of those: "JOHN@example.com"
// is John's, "İris@example.com" is not iris@example.com. A deliberately simple rule, the same in the
// Go user-service (store.go) and in the gateway's count of failed logins (login-throttle.ts): Unicode's
// case rules differ between languages (Go lowers "İ" to "i", JavaScript to "i" and a dot above), and
// an email that one side matches to an account while the other counts it apart gets fresh tries.
function foldAsciiCase(email: string): string {
  return email.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

// a copy of the fields a User has, so neither the hash, the role nor the key can slip into an answer
function publicPart(user: User): User {
  return { id: user.id, name: user.name, email: user.email };
}
