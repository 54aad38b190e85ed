// user-service's data: a Map in memory (DIAGRAM: "User Data (Map)"). No gRPC here, so it can be
// tested on its own. Rules such as "emails are unique" are the handlers' job.
export interface User {
  id: string;
  name: string;
  email: string;
}

export type Role = 'user' | 'admin';

// What is kept for each user besides the User itself, and never leaves user-service as it is:
// the hash of the password (passwords.ts; "" when the user has none) and the role (lesson 11).
interface Credentials {
  role: Role;
  passwordHash: string;
}

export type NewUser = Omit<User, 'id'> & Partial<Credentials>;
export type UserChanges = Partial<Omit<User, 'id'>> & { passwordHash?: string };

export class UserStore {
  private readonly users = new Map<string, User & Credentials>();
  private lastId = 0;

  create(fields: NewUser): User {
    // ids are "1", "2", … as on the diagram
    const id = String(++this.lastId);
    this.users.set(id, { id, name: fields.name, email: fields.email, role: fields.role ?? 'user', passwordHash: fields.passwordHash ?? '' });
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

  /** The user with this email, with their role and password hash: for CheckPassword only. */
  credentialsOf(email: string): { user: User; role: Role; passwordHash: string } | undefined {
    const user = this.findStored(email);
    return user && { user: publicPart(user), role: user.role, passwordHash: user.passwordHash };
  }

  update(id: string, changes: UserChanges): User | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.email !== undefined) user.email = changes.email;
    if (changes.passwordHash !== undefined) user.passwordHash = changes.passwordHash;
    return publicPart(user);
  }

  delete(id: string): boolean {
    return this.users.delete(id);
  }

  private findStored(email: string): (User & Credentials) | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((u) => u.email.toLowerCase() === wanted);
  }
}

// a copy of the fields a User has, so neither the hash nor the role can slip into an answer
function publicPart(user: User): User {
  return { id: user.id, name: user.name, email: user.email };
}
