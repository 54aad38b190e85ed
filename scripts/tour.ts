// npm run tour: walks through the tutorial's lessons against a running sandbox, one step at a time:
// it explains the step, shows the command, runs it, shows what it printed and whether that is what
// the lesson shows, then waits for Enter.
//   npm run tour                 every lesson, in order
//   npm run tour -- 4            lesson 4 only
//   npm run tour -- --no-pause   without waiting (also when there is no terminal)
//   npm run tour -- 10 --restarts   also the steps that stop or restart a service (lesson 10),
//                                which forgets what that service held in memory
//   npm run tour -- --url http://localhost:3001
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '../launcher/services';
import { CreatedIds, DEFAULT_GATEWAY, examplesOf, runExample } from './walkthrough';

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
  const files = lessonFiles().filter(
    (f) => positionals.length === 0 || positionals.some((n) => f.startsWith(n.padStart(2, '0'))),
  );
  if (files.length === 0)
    throw new Error(`no lesson ${positionals.join(', ')}; the lessons are:\n  ${lessonFiles().join('\n  ')}`);

  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) });
  } catch {
    throw new Error(
      `the sandbox does not answer at ${url}: start it with \`npm start\` in another terminal, then run the tour again`,
    );
  }

  const prompt = pause ? readline.createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  let steps = 0;
  let skipped = 0;
  const differing: string[] = [];
  for (const file of files) {
    const markdown = fs.readFileSync(path.join(TUTORIAL, file), 'utf8');
    const title = markdown.match(/^# (.*)$/m)?.[1] ?? file;
    const examples = examplesOf(markdown);
    const ids = new CreatedIds(); // what this lesson creates: its own records, whatever else is stored
    for (const [i, example] of examples.entries()) {
      steps += 1;
      console.log(`\n${bold(`━━ ${title} · step ${i + 1} of ${examples.length} ━━`)}\n`);
      console.log(plain(example.explanation));
      console.log(`\n${bold('$')} ${ids.toSandbox(example.command).replaceAll(DEFAULT_GATEWAY, url)}`);
      if (example.restarts && !values.restarts) {
        skipped += 1;
        console.log(
          dim(
            '(not run: it stops or restarts a service, which forgets what it holds in memory. Run it yourself, or: npm run tour -- <lesson> --restarts)',
          ),
        );
        continue;
      }
      const outcome = await runExample(example, url, process.env, ids);
      console.log(outcome.printed);
      if (outcome.matches) console.log(green('✔ as the lesson shows'));
      else {
        console.log(red(`✘ not what the lesson shows: ${outcome.difference}`));
        differing.push(`${file} step ${i + 1}`);
      }
      if (prompt) {
        const answer = await prompt.question(dim('\nEnter: next step · q: quit '));
        if (answer.trim().toLowerCase() === 'q') {
          await tidyUp(url, ids);
          prompt.close();
          return;
        }
      }
    }
    await tidyUp(url, ids);
  }
  prompt?.close();
  const notRun = skipped > 0 ? ` ${skipped} of them not run: they restart services (add --restarts to run them).` : '';
  console.log(`\n${bold('Tour finished:')} ${steps} steps from ${files.length} lesson(s).${notRun}`);
  if (differing.length > 0) {
    console.log(
      red(`${differing.length} step(s) printed something other than the lesson shows: ${differing.join(', ')}`),
    );
    console.log(
      'Each ✘ above says what differs. The lessons use only records they create themselves, so your data does not change what they show.',
    );
    process.exitCode = 1;
  }
}

/**
 * A lesson's users and products are deleted when it is over (its orders stay: orders cannot be
 * deleted), so the tour can run again on the same sandbox, and leaves everything else as it was.
 */
async function tidyUp(url: string, ids: CreatedIds): Promise<void> {
  const deleted: string[] = [];
  for (const { kind, id } of ids.created()) {
    const response = await fetch(`${url}/api/${kind}s/${id}`, { method: 'DELETE' }).catch(() => undefined);
    if (response?.status === 204) deleted.push(`${kind} ${id}`);
    ids.forget(kind, id);
  }
  if (deleted.length > 0) console.log(dim(`\n(tidied up: deleted ${deleted.join(', ')}, which this lesson created)`));
}

// run only as `npm run tour`, not when a test imports lessonFiles()
if (require.main === module) {
  main().catch((error: Error) => {
    console.error(red(error.message));
    process.exit(1);
  });
}
