// Every exercise: one concept of the diagram, cut from the real code (its region is marked in the
// file: "exercise <name> ▼" … "▲"), with what to write, hints, and a check (checks/<name>.ts) that
// tests behaviour, so any correct solution passes. In lesson order.
export interface Exercise {
  name: string;
  lesson: number; // the lesson that explains it
  title: string;
  task: string; // what to write, in one line (the TODO says it)
  // each region's stand-in while the student writes it: code that fails in a way that teaches (an
  // UNIMPLEMENTED answer, say), never a crash at start
  regions: Array<{ file: string; todo: string }>;
  hints: string[];
  needs?: 'go';
}

export const EXERCISES: Exercise[] = [];
