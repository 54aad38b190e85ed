// What every check is made of. A check tests behaviour a user of the sandbox would notice (an
// answer, a status, a time as a ratio, a trace), never the text of the code, so any correct
// solution passes. Each behaviour that is missing says, in plain words, what was sent, what came
// back and what was expected; it never shows the solution.
//   await checkBehaviours('fan-out', [
//     { behaviour: 'an order for John answers 2000', check: async () => { … missing({ sent, got, expected }) … } },
//   ]);
import { inspect } from 'node:util';

/** A behaviour that is not there (yet): what was sent, what came back, what was expected. */
export class Missing extends Error {
  constructor(readonly what: { sent: string; got: string; expected: string }) {
    super(`got ${what.got}; expected ${what.expected}`);
  }
}

export function missing(what: { sent: string; got: unknown; expected: string }): never {
  throw new Missing({ ...what, got: typeof what.got === 'string' ? what.got : shown(what.got) });
}

/** A value as a student reads it: JSON-like, on one line, not too long. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity, compact: true });
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export interface Behaviour {
  behaviour: string; // what a user would notice: "GET /api/products/1 answers the Laptop"
  check: () => Promise<void>;
}

const green = (s: string) => (process.stdout.isTTY ? `\x1b[32m${s}\x1b[0m` : s);
const red = (s: string) => (process.stdout.isTTY ? `\x1b[31m${s}\x1b[0m` : s);

/**
 * Checks each behaviour in turn and prints ✔ or ✘ with what is missing; the process exits 0 when
 * every one is there. Anything but a Missing (the sandbox did not start, a syntax error in the
 * student's code) is shown as it is: it is what the student has to fix first.
 */
export async function checkBehaviours(
  name: string,
  behaviours: Behaviour[],
  cleanUp: () => Promise<void> = async () => undefined,
): Promise<void> {
  let failed = 0;
  try {
    for (const { behaviour, check } of behaviours) {
      try {
        await check();
        console.log(`${green('✔')} ${behaviour}`);
      } catch (error) {
        failed += 1;
        console.log(`${red('✘')} ${behaviour}`);
        if (error instanceof Missing) {
          console.log(
            `    sent:     ${error.what.sent}\n    got:      ${error.what.got}\n    expected: ${error.what.expected}`,
          );
        } else {
          console.log(
            `    ${shown(error instanceof Error ? error.message : error)
              .split('\n')
              .join('\n    ')}`,
          );
        }
      }
    }
  } finally {
    await cleanUp();
  }
  console.log(
    failed === 0
      ? green(`exercise ${name}: every behaviour is there`)
      : red(`exercise ${name}: ${failed} of ${behaviours.length} behaviours missing`),
  );
  process.exitCode = failed === 0 ? 0 : 1;
}
