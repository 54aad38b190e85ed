// Where an exercise lives in the real code: between two marker lines,
//     // exercise fan-out ▼
//     …the code the exercise asks for…
//     // exercise fan-out ▲
// `start` swaps what is between them for the exercise's TODO; `solution` puts the code back. The
// markers stay, so the place is found again whatever the student wrote.
import fs from 'node:fs';
import path from 'node:path';

export interface Region {
  before: string; // the file up to and including the opening marker's line
  inside: string; // what is between the markers
  after: string; // the closing marker's line and the rest of the file
  line: number; // the line where the inside begins (1-based), for "open file:line"
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lines of `name`'s region in `text`, or an error that says which marker is missing. */
export function findRegion(text: string, name: string, file: string): Region {
  // "// exercise x ▼" (TypeScript, Go) or "# exercise x ▼"; the indentation is kept
  const open = new RegExp(`^[ \\t]*(//|#) exercise ${escape(name)} ▼[^\\n]*\\n`, 'm').exec(text);
  const close = new RegExp(`^[ \\t]*(//|#) exercise ${escape(name)} ▲`, 'm').exec(text);
  if (!open || !close || close.index < open.index + open[0].length) {
    throw new Error(
      `${file} has no region for the exercise ${name}: its lines "exercise ${name} ▼" and "exercise ${name} ▲" are missing or out of order`,
    );
  }
  const start = open.index + open[0].length;
  return {
    before: text.slice(0, start),
    inside: text.slice(start, close.index),
    after: text.slice(close.index),
    line: text.slice(0, start).split('\n').length,
  };
}

/** The file as it would be with `inside` between the markers. */
export function withInside(region: Region, inside: string): string {
  return region.before + inside + region.after;
}

export function readRegion(root: string, file: string, name: string): Region {
  return findRegion(fs.readFileSync(path.join(root, file), 'utf8'), name, file);
}

export function writeInside(root: string, file: string, name: string, inside: string): void {
  const region = readRegion(root, file, name);
  fs.writeFileSync(path.join(root, file), withInside(region, inside));
}

/** The indentation of the marker line: a TODO is written at the code's own depth. */
export function indentOf(region: Region): string {
  const markerLine = region.before.slice(0, -1).split('\n').pop() ?? '';
  return /^[ \t]*/.exec(markerLine)?.[0] ?? '';
}
