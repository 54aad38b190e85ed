// npm run exercise: learning by doing, in the sandbox's own code (exercises/README.md).
//   npm run exercise                      the exercises, by lesson, and what to do next
//   npm run exercise -- list --json       the same, for tools
//   npm run exercise -- start <name>      takes the code out, leaves a TODO, says where
//   npm run exercise -- check <name>      checks the behaviour (--watch: again on every save)
//   npm run exercise -- hint <name>       the next hint
//   npm run exercise -- solution <name>   puts the real code back and shows how it differs from yours
//   npm run exercise -- reset <name>      starts the exercise over (your attempt is kept aside)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { EXERCISES, type Exercise } from './catalog';
import { Progress, type Status } from './progress';
import { findRegion, indentOf, readRegion, writeInside } from './regions';

class UsageError extends Error {}

const ROOT = path.resolve(process.env.EXERCISES_ROOT ?? path.join(__dirname, '..'));

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false } },
  });
  const [command = 'list', name] = positionals;
  const progress = new Progress(ROOT);
  if (command === 'list') return list(progress, values.json as boolean);
  const exercise = find(command, name);
  if (command === 'start') return start(exercise, progress);
  if (command === 'check') return values.watch ? watch(exercise, progress) : void (await check(exercise, progress));
  if (command === 'hint') return hint(exercise, progress);
  if (command === 'solution') return solution(exercise, progress);
  if (command === 'reset') return reset(exercise, progress);
  throw new UsageError(`no command "${command}": use list, start, check, hint, solution or reset`);
}

function find(command: string, name: string | undefined): Exercise {
  if (!['start', 'check', 'hint', 'solution', 'reset'].includes(command))
    throw new UsageError(`no command "${command}": use list, start, check, hint, solution or reset`);
  if (!name) throw new UsageError(`which exercise? npm run exercise -- ${command} <name>; npm run exercise lists them`);
  const exercise = EXERCISES.find((e) => e.name === name);
  if (!exercise)
    throw new UsageError(
      `no exercise "${name.slice(0, 40)}"; the exercises are: ${EXERCISES.map((e) => e.name).join(', ')}`,
    );
  return exercise;
}

const filesOf = (exercise: Exercise) => [...new Set(exercise.regions.map((r) => r.file))];

function list(progress: Progress, json: boolean): void {
  const rows = EXERCISES.map((e) => ({
    name: e.name,
    lesson: e.lesson,
    status: progress.status(e.name),
    files: filesOf(e),
  }));
  if (json) return console.log(JSON.stringify(rows, null, 2));
  const mark: Record<Status, string> = { todo: '·', started: '▶', done: '✔' };
  let lesson = 0;
  for (const [i, e] of EXERCISES.entries()) {
    if (e.lesson !== lesson) console.log(`\nlesson ${(lesson = e.lesson)}`);
    console.log(
      `  ${mark[rows[i].status]} ${e.name.padEnd(18)} ${rows[i].status.padEnd(8)} ${e.title}${e.needs === 'go' ? ' (needs Go)' : ''}`,
    );
  }
  const started = EXERCISES.find((e) => progress.status(e.name) === 'started');
  const next = EXERCISES.find((e) => progress.status(e.name) === 'todo');
  const done = rows.filter((r) => r.status === 'done').length;
  console.log(`\n${done} of ${EXERCISES.length} done.`);
  if (started) console.log(`Next: finish ${started.name}, then npm run exercise -- check ${started.name}`);
  else if (next) console.log(`Next: npm run exercise -- start ${next.name}`);
}

function start(exercise: Exercise, progress: Progress): void {
  if (progress.status(exercise.name) === 'started') {
    throw new UsageError(
      `${exercise.name} is started already: write it, then npm run exercise -- check ${exercise.name} (or reset it to start over)`,
    );
  }
  const solution: Record<string, string> = {};
  for (const { file } of exercise.regions) {
    const inside = readRegion(ROOT, file, exercise.name).inside;
    const committed = committedInside(file, exercise.name);
    // the code between the markers is yours if it is not the sandbox's own: never overwrite it
    if (committed !== undefined && inside !== committed) {
      throw new UsageError(
        `${file} has changes of your own where ${exercise.name} would write its TODO; keep them elsewhere or undo them (git checkout ${file}), then start again`,
      );
    }
    solution[file] = inside;
  }
  for (const region of exercise.regions) {
    const indent = indentOf(readRegion(ROOT, region.file, exercise.name));
    writeInside(ROOT, region.file, exercise.name, todoText(exercise, region.todo, indent));
  }
  progress.started(exercise.name, solution);
  const first = exercise.regions[0];
  const line = readRegion(ROOT, first.file, exercise.name).line;
  console.log(`Exercise ${exercise.name} (lesson ${exercise.lesson}): ${exercise.title}\n`);
  console.log(
    `Open ${first.file}:${line}${exercise.regions.length > 1 ? ` (and ${filesOf(exercise).slice(1).join(', ')})` : ''} and replace the TODO.`,
  );
  console.log(`Check it: npm run exercise -- check ${exercise.name}   (--watch: again on every save)`);
  console.log(`Stuck? npm run exercise -- hint ${exercise.name}`);
}

// The TODO: what to write, which lesson explains it, how to check; then code that fails the way
// that teaches (an UNIMPLEMENTED answer, say), so the sandbox still starts and runs.
function todoText(exercise: Exercise, todo: string, indent: string): string {
  const lines = [
    `TODO exercise ${exercise.name} (lesson ${exercise.lesson}): ${exercise.task}`,
    `Check: npm run exercise -- check ${exercise.name}    Hint: npm run exercise -- hint ${exercise.name}`,
  ];
  return `${lines.map((line) => `${indent}// ${line}`).join('\n')}\n${todo
    .split('\n')
    .map((line) => (line ? `${indent}${line}` : line))
    .join('\n')}\n`;
}

/** The code between the markers in the last commit, if the folder is a git repository. */
function committedInside(file: string, name: string): string | undefined {
  try {
    const text = execFileSync('git', ['show', `HEAD:${file}`], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return findRegion(text, name, file).inside;
  } catch {
    return undefined; // not a git repository (a downloaded zip): nothing to compare with
  }
}

/** Runs the exercise's check in a process of its own, so it loads the code as it is now. */
function check(exercise: Exercise, progress: Progress): Promise<boolean> {
  if (exercise.needs === 'go' && !hasGo()) {
    console.log(
      `${exercise.name} needs Go: apt-get install golang-go (see user-service-go/README.md), or the dev container`,
    );
    process.exitCode = 1;
    return Promise.resolve(false);
  }
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      path.join(ROOT, 'protos', 'register.js'),
      path.join(ROOT, 'exercises', 'checks', `${exercise.name}.ts`),
    ],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, EXERCISES_ROOT: ROOT } },
  );
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      const passed = code === 0;
      process.exitCode = passed ? 0 : 1;
      if (passed) {
        progress.done(exercise.name);
        const next = EXERCISES.find((e) => progress.status(e.name) === 'todo');
        console.log(
          `Done in ${((Date.now() - started) / 1000).toFixed(1)} s. ${next ? `Next: npm run exercise -- start ${next.name}` : 'That was the last one: well done.'}`,
        );
      }
      resolve(passed);
    });
  });
}

/** Checks again each time one of the exercise's files is saved, like rustlings watch; Ctrl-C stops. */
async function watch(exercise: Exercise, progress: Progress): Promise<void> {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) return void (again = true);
    running = true;
    console.log(`\n── checking ${exercise.name} ──`);
    const passed = await check(exercise, progress);
    running = false;
    if (passed) process.exit(0);
    if (again) return void ((again = false), run());
    console.log(`\nWaiting for you to save ${filesOf(exercise).join(' or ')}… (Ctrl-C stops)`);
  };
  let timer: NodeJS.Timeout | undefined;
  for (const file of filesOf(exercise)) {
    fs.watch(path.join(ROOT, file), () => {
      clearTimeout(timer);
      timer = setTimeout(run, 200); // an editor saves in several writes
    });
  }
  await run();
}

function hint(exercise: Exercise, progress: Progress): void {
  const n = progress.nextHint(exercise.name, exercise.hints.length);
  console.log(`Hint ${n} of ${exercise.hints.length} for ${exercise.name}: ${exercise.hints[n - 1]}`);
  if (n < exercise.hints.length) console.log(`(npm run exercise -- hint ${exercise.name} again for the next one)`);
}

/** Puts the real code back, after keeping the attempt aside; shows how the two differ. */
function solution(exercise: Exercise, progress: Progress): void {
  const saved = progress.solution(exercise.name);
  if (!saved)
    throw new UsageError(
      `${exercise.name} is not started: its code is the real one already (npm run exercise -- start ${exercise.name})`,
    );
  const kept = progress.keepAttempt(exercise.name, filesOf(exercise));
  for (const [file, inside] of Object.entries(saved)) {
    const attempt = readRegion(ROOT, file, exercise.name).inside;
    writeInside(ROOT, file, exercise.name, inside);
    console.log(
      createTwoFilesPatch(`${file} (yours)`, `${file} (the sandbox's)`, attempt, inside, '', '', { context: 3 })
        .split('\n')
        .slice(1)
        .join('\n'),
    );
  }
  progress.solved(exercise.name);
  console.log(`The sandbox's code is back. Your attempt is kept in ${kept}/.`);
}

/** Starts over: the attempt is kept aside, and the TODO written again. */
function reset(exercise: Exercise, progress: Progress): void {
  const saved = progress.solution(exercise.name);
  if (!saved) throw new UsageError(`${exercise.name} is not started: npm run exercise -- start ${exercise.name}`);
  const kept = progress.keepAttempt(exercise.name, filesOf(exercise));
  for (const [file, inside] of Object.entries(saved)) writeInside(ROOT, file, exercise.name, inside);
  progress.solved(exercise.name);
  start(exercise, progress);
  console.log(`Your attempt is kept in ${kept}/.`);
}

function hasGo(): boolean {
  return spawnSync('go', ['version']).status === 0;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    error instanceof UsageError || (error instanceof Error && /has no region/.test(error.message))
      ? error.message
      : error,
  );
  process.exitCode = 2;
});
