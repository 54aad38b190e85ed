// npm run tour: walks through the tutorial's lessons against a running sandbox, one step at a time:
// it explains the step, shows the command, runs it exactly as written, shows what it printed and
// whether that is what the lesson shows, then waits for Enter.
//   npm run tour                 every lesson, in order
//   npm run tour -- 4            lesson 4 only; `-- 13 3` lesson 13, then lesson 3
//   npm run tour -- --no-pause   without waiting (also when there is no terminal)
//   npm run tour -- 10 --restarts   also the steps that stop, restart or swap a service of your
//                                sandbox (lessons 10 and 19; lesson 19's builds the Go user-service)
//   npm run tour -- --url http://localhost:3001   a sandbox on another port (npm run sandbox finds
//                                it by that port too)
// Each lesson begins with `npm run sandbox -- reset`: the sandbox as npm start set it, so every
// answer after it is the one the lesson shows (the same ids, totals and errors), whatever the
// sandbox held before. The tour runs that step too: it puts your sandbox back to its seed data.
// After each lesson it says how long the lesson's commands took (tutorial/README.md adds reading
// and typing to it). A command's `npm run -s <script>` runs the script as npm would, only without
// npm's own start-up (scripts/walkthrough.ts).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '../launcher/services';
import { DEFAULT_GATEWAY, examplesOf, onGateway, runExample } from './walkthrough';

const TUTORIAL = path.join(ROOT, 'tutorial');
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const green = (s: string) => `\x1b[32m${s}\x1b[0m`;
const red = (s: string) => `\x1b[31m${s}\x1b[0m`;

export function lessonFiles(): string[] {
  return fs
    .readdirSync(TUTORIAL)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort();
}

// the markdown of an explanation, as plain text for a terminal
function plain(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/```\w*\n([\s\S]*?)```/g, (_block, code: string) => dim(code.replace(/^/gm, '    ').trimEnd()))
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The lessons named by number (`4`, `13 3`), in the order named; all of them when none is. */
function chosenLessons(numbers: string[]): string[] {
  if (numbers.length === 0) return lessonFiles();
  return numbers.map((number) => {
    const file = lessonFiles().find((f) => f.startsWith(number.padStart(2, '0')));
    if (!file) throw new Error(`no lesson ${number}; the lessons are:\n  ${lessonFiles().join('\n  ')}`);
    return file;
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'no-pause': { type: 'boolean', default: false },
      restarts: { type: 'boolean', default: false },
      url: { type: 'string', default: process.env.GATEWAY_URL ?? DEFAULT_GATEWAY },
    },
  });
  const url = values.url as string;
  const pause = !values['no-pause'] && process.stdin.isTTY;
  const files = chosenLessons(positionals);

  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) });
  } catch {
    throw new Error(
      `the sandbox does not answer at ${url}: start it with \`npm start\` in another terminal, then run the tour again`,
    );
  }

  const prompt = pause ? readline.createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  if (prompt) {
    const answer = await prompt.question(
      `Each lesson begins with ${bold('npm run sandbox -- reset')}: the sandbox at ${url} goes back to its seed data and settings.\n${dim('Enter: begin · q: quit ')}`,
    );
    if (answer.trim().toLowerCase() === 'q') return prompt.close();
  }
  let steps = 0;
  let skipped = 0;
  const differing: string[] = [];
  for (const file of files) {
    const markdown = fs.readFileSync(path.join(TUTORIAL, file), 'utf8');
    const title = markdown.match(/^# (.*)$/m)?.[1] ?? file;
    const examples = examplesOf(markdown);
    let running = 0; // how long this lesson's commands took, in milliseconds (not the pauses)
    for (const [i, example] of examples.entries()) {
      steps += 1;
      console.log(`\n${bold(`━━ ${title} · step ${i + 1} of ${examples.length} ━━`)}\n`);
      console.log(plain(example.explanation));
      console.log(`\n${bold('$')} ${onGateway(example.command, url)}`);
      if (example.restarts && !values.restarts) {
        skipped += 1;
        console.log(
          dim(
            '(not run: it stops, restarts or swaps a service of your sandbox. Run it yourself, or: npm run tour -- <lesson> --restarts)',
          ),
        );
        continue;
      }
      const began = performance.now();
      const outcome = await runExample(example, url, process.env);
      running += performance.now() - began;
      console.log(outcome.printed);
      if (outcome.matches) console.log(green('✔ as the lesson shows'));
      else {
        console.log(red(`✘ not what the lesson shows: ${outcome.difference}`));
        differing.push(`${file} step ${i + 1}`);
      }
      if (prompt) {
        const answer = await prompt.question(dim('\nEnter: next step · q: quit '));
        if (answer.trim().toLowerCase() === 'q') return prompt.close();
      }
    }
    console.log(dim(`\n(${title.split(' · ')[0]}: its commands took ${(running / 1000).toFixed(1)} s)`));
  }
  prompt?.close();
  const notRun = skipped > 0 ? ` ${skipped} of them not run: they restart services (add --restarts to run them).` : '';
  console.log(
    `\n${bold('Tour finished:')} ${steps} steps from ${files.length} lesson(s), ${steps - skipped} answers compared with the lessons'.${notRun}`,
  );
  if (differing.length > 0) {
    console.log(
      red(`${differing.length} step(s) printed something other than the lesson shows: ${differing.join(', ')}`),
    );
    console.log(
      'Each ✘ above says what differs. Each lesson begins with `npm run sandbox -- reset`, so what follows it should be what a sandbox as npm start set it prints: a difference is a change of your own to the code, or worth an issue.',
    );
    process.exitCode = 1;
  }
}

// run only as `npm run tour`, not when a test imports lessonFiles()
if (require.main === module) {
  main().catch((error: Error) => {
    console.error(red(error.message));
    process.exit(1);
  });
}
