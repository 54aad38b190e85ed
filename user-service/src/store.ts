// user-service's data: a Map in memory (DIAGRAM: "User Data (Map)"). No gRPC here, so it can be
// tested on its own. Rules such as "emails are unique" are the handlers' job.
export interface User {
  id: string;
  name: string;
  email: string;
}

export type NewUser = Omit<User, 'id'>;

export class UserStore {
  private readonly users = new Map<string, User>();
  private lastId = 0;

  create(fields: NewUser): User {
    // ids are "1", "2", … as on the diagram
    const user: User = { id: String(++this.lastId), name: fields.name, email: fields.email };
    this.users.set(user.id, user);
    return { ...user };
  }

  get(id: string): User | undefined {
    const user = this.users.get(id);
    return user && { ...user };
  }

  /** Every user, oldest first. */
  list(): User[] {
    return [...this.users.values()].map((user) => ({ ...user }));
  }

  findByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    const user = [...this.users.values()].find((u) => u.email.toLowerCase() === wanted);
    return user && { ...user };
  }

  update(id: string, changes: Partial<NewUser>): User | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.email !== undefined) user.email = changes.email;
    return { ...user };
  }

  delete(id: string): boolean {
    return this.users.delete(id);
  }
}
