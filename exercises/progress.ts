// What a student has done, kept in .exercises/ (git-ignored), so it survives restarts:
//   progress.json   each exercise's status, the hints shown, and the code it took out (the solution)
//   attempts/       every attempt, kept aside before anything overwrites it: nothing typed is lost
import fs from 'node:fs';
import path from 'node:path';

export type Status = 'todo' | 'started' | 'done';

interface Entry {
  status: Status;
  hintsShown: number;
  solution?: Record<string, string>; // file → the code between its markers, as it was at start
}

export class Progress {
  private readonly folder: string;
  private readonly entries: Record<string, Entry>;

  constructor(readonly root: string) {
    this.folder = path.join(root, '.exercises');
    const file = path.join(this.folder, 'progress.json');
    this.entries = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Entry>) : {};
  }

  private entry(name: string): Entry {
    return (this.entries[name] ??= { status: 'todo', hintsShown: 0 });
  }

  status(name: string): Status {
    return this.entries[name]?.status ?? 'todo';
  }

  solution(name: string): Record<string, string> | undefined {
    return this.entries[name]?.solution;
  }

  started(name: string, solution: Record<string, string>): void {
    Object.assign(this.entry(name), { status: 'started', solution });
    this.save();
  }

  done(name: string): void {
    this.entry(name).status = 'done';
    this.save();
  }

  /** Back to how it was before `start`: the code is the real one again (but done stays done). */
  solved(name: string): void {
    const entry = this.entry(name);
    if (entry.status === 'started') entry.status = 'todo';
    delete entry.solution;
    this.save();
  }

  /** The next hint's number (1, 2, …), counted. */
  nextHint(name: string, count: number): number {
    const entry = this.entry(name);
    entry.hintsShown = Math.min(entry.hintsShown + 1, count);
    this.save();
    return entry.hintsShown;
  }

  /** Keeps the files of an attempt in .exercises/attempts/<name>/<time>/; returns that folder. */
  keepAttempt(name: string, files: string[]): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const folder = path.join(this.folder, 'attempts', name, stamp);
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.copyFileSync(path.join(this.root, file), path.join(folder, file));
    }
    return path.relative(this.root, folder);
  }

  private save(): void {
    fs.mkdirSync(this.folder, { recursive: true });
    fs.writeFileSync(path.join(this.folder, 'progress.json'), `${JSON.stringify(this.entries, null, 2)}\n`);
  }
}
