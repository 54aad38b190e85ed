// The exercises are honest (exercises/README.md): for every one, in a copy of the repository, its
// check fails once it is started and passes with the sandbox's own code, and `start` then
// `solution` leaves every file as it was; for some, a correct solution written differently passes
// too, since a check tests behaviour, not text. Two exercises are proved at a time, each in a copy
// of its own.
import { expect } from 'chai';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXERCISES, type Exercise } from '../exercises/catalog';
import { writeInside } from '../exercises/regions';
import { copyRepository, type RepositoryCopy } from './support/copy';
import { report, until } from './support/sandbox';

const hasGo = spawnSync('go', ['version']).status === 0;

/** `npm run exercise -- …` in the copy; resolves its exit code and what it printed. */
function exercise(copy: RepositoryCopy, ...args: string[]): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', './protos/register.js', 'exercises/index.ts', ...args], {
      cwd: copy.root,
      env: { ...process.env, EXERCISES_ROOT: copy.root, FORCE_COLOR: undefined },
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('close', (code) => resolve({ code, out, ms: Date.now() - started })); // 'close': its output all read
  });
}

/** Files of the copy that differ from its first commit (the repository as it was copied). */
function changedFiles(copy: RepositoryCopy, untracked: 'no' | 'normal' = 'no'): string {
  return execFileSync('git', ['status', '--porcelain', `--untracked-files=${untracked}`], {
    cwd: copy.root,
    encoding: 'utf8',
  }).trim();
}

// A copy is used again by the next test or exercise: making one (every file copied, then committed)
// costs more CPU than most checks, and `start` then `solution` leaves it as it was (the proof checks
// that, then the copy is checked once more before it is used again). A copy left with any change is
// removed instead, so each test still begins in a copy exactly like the repository, with no progress.
const spareCopies: RepositoryCopy[] = [];

async function inCopy<T>(use: (copy: RepositoryCopy) => Promise<T>): Promise<T> {
  const copy = spareCopies.pop() ?? copyRepository('exercise-');
  try {
    return await use(copy);
  } finally {
    if (changedFiles(copy, 'normal') === '') {
      fs.rmSync(path.join(copy.root, '.exercises'), { recursive: true, force: true }); // progress and attempts
      spareCopies.push(copy);
    } else {
      copy.remove();
    }
  }
}

// correct solutions written differently from the sandbox's own: the checks must accept them too
const OTHER_SOLUTIONS: Record<string, Record<string, string>> = {
  'total-price': {
    'order-service/src/pricing.ts': `  // in cents, with integer arithmetic: the same total, another way to write it
  const cents = Math.round(unitPrice * 100) * quantity;
  return Number((cents / 100).toFixed(2));
`,
  },
  'fan-out': {
    'order-service/src/handlers.ts': `      // both calls started first, then both awaited: as parallel as Promise.all
      const userCall = lookups.getUser(request.userId, call);
      const productCall = lookups.getProduct(request.productId, call);
      userCall.catch(() => undefined); // a failure is awaited below, not left unhandled meanwhile
      productCall.catch(() => undefined);
      const user = await userCall;
      const product = await productCall;
`,
  },
  'status-table': {
    'api-gateway/src/conversion/http-status.ts': `  ...Object.fromEntries(
    (
      [
        ['CANCELLED', 499], ['UNKNOWN', 500], ['INVALID_ARGUMENT', 400], ['DEADLINE_EXCEEDED', 504], ['NOT_FOUND', 404],
        ['ALREADY_EXISTS', 409], ['PERMISSION_DENIED', 403], ['RESOURCE_EXHAUSTED', 429], ['FAILED_PRECONDITION', 400],
        ['ABORTED', 409], ['OUT_OF_RANGE', 400], ['UNIMPLEMENTED', 501], ['INTERNAL', 500], ['UNAVAILABLE', 503],
        ['DATA_LOSS', 500], ['UNAUTHENTICATED', 401],
      ] as const
    ).map(([name, http]) => [status[name], http]),
  ),
`,
  },
};

describe('the exercises (npm run exercise)', function () {
  this.timeout(180_000);
  after(() => spareCopies.splice(0).forEach((copy) => copy.remove()));

  it('lists at least twelve, by lesson, with their files, for tools too', () =>
    inCopy(async (copy) => {
      const listed = await exercise(copy, 'list', '--json');
      const rows = JSON.parse(listed.out) as Array<{ name: string; lesson: number; status: string; files: string[] }>;
      expect(rows.length).to.be.at.least(12);
      expect(rows.every((row) => row.status === 'todo' && row.files.length > 0 && row.lesson > 0)).to.equal(true);
      expect(rows.map((row) => row.lesson)).to.deep.equal([...rows.map((row) => row.lesson)].sort((a, b) => a - b));
    }));

  const proofs = EXERCISES.filter((e) => e.needs !== 'go' || hasGo);
  const times: number[] = [];

  // two copies at a time: each check starts processes of its own
  it(`every check fails on the exercise and passes on the solution; start then solution changes nothing (${proofs.length} exercises)`, async () => {
    const queue = [...proofs];
    const failures: string[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) failures.push(...(await prove(next)));
    };
    await Promise.all([worker(), worker()]);
    const sorted = [...times].sort((a, b) => a - b);
    report(
      `checks took ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(1)} s (median), ${(sorted[sorted.length - 1] / 1000).toFixed(1)} s at worst`,
    );
    expect(failures, failures.join('\n\n')).to.deep.equal([]);
  });

  async function prove(e: Exercise): Promise<string[]> {
    const failures: string[] = [];
    const fail = (what: string, out: string) => failures.push(`${e.name}: ${what}\n${out.slice(-2000)}`);
    await inCopy(async (copy) => {
      const started = await exercise(copy, 'start', e.name);
      if (started.code !== 0 || !/Open \S+:\d+/.test(started.out))
        fail(`start did not say where to look (exit ${started.code})`, started.out);
      const refused = await exercise(copy, 'check', e.name);
      times.push(refused.ms);
      if (refused.code === 0) fail('its check passes on the exercise as started', refused.out);
      else if (!/expected:|did not start/.test(refused.out))
        fail('its failing check does not say what was expected', refused.out);
      const other = OTHER_SOLUTIONS[e.name];
      if (other) {
        for (const [file, inside] of Object.entries(other)) writeInside(copy.root, file, e.name, inside);
        const accepted = await exercise(copy, 'check', e.name);
        if (accepted.code !== 0) fail('a correct solution written differently does not pass', accepted.out);
      }
      const solved = await exercise(copy, 'solution', e.name);
      if (solved.code !== 0) fail('solution failed', solved.out);
      if (changedFiles(copy) !== '') fail('start then solution left files changed', changedFiles(copy));
      const passed = await exercise(copy, 'check', e.name);
      times.push(passed.ms);
      if (passed.code !== 0) fail("its check fails on the sandbox's own code", passed.out);
      // the attempts were kept aside, not lost
      if (!fs.existsSync(path.join(copy.root, '.exercises', 'attempts', e.name))) fail('the attempt was not kept', '');
    });
    return failures;
  }

  it('each lesson that has an exercise ends with "Your turn", naming its start and check', () => {
    const lessons = fs.readdirSync(path.join(__dirname, '..', 'tutorial')).filter((f) => /^\d\d-/.test(f));
    for (const e of EXERCISES) {
      const lesson = lessons.find((f) => Number(f.slice(0, 2)) === e.lesson) as string;
      const text =
        fs.readFileSync(path.join(__dirname, '..', 'tutorial', lesson), 'utf8').split('## Your turn')[1] ?? '';
      expect(text, `${lesson}: ${e.name}`).to.include(`npm run exercise -- start ${e.name}`);
      expect(text, `${lesson}: ${e.name}`).to.include(`npm run exercise -- check ${e.name}`);
    }
  });

  it('gives the hints one at a time; reset keeps the attempt and writes the TODO again; --watch checks on every save', () =>
    inCopy(async (copy) => {
      await exercise(copy, 'start', 'total-price');
      const first = await exercise(copy, 'hint', 'total-price');
      const second = await exercise(copy, 'hint', 'total-price');
      expect(first.out).to.match(/^Hint 1 of 3 for total-price: /);
      expect(second.out).to.match(/^Hint 2 of 3 for total-price: /);
      const file = path.join(copy.root, 'order-service/src/pricing.ts');
      writeInside(copy.root, 'order-service/src/pricing.ts', 'total-price', '  return 42; // my attempt\n');
      const reset = await exercise(copy, 'reset', 'total-price');
      expect(reset.out).to.match(/Your attempt is kept in \.exercises\/attempts\/total-price\//);
      expect(fs.readFileSync(file, 'utf8')).to.include('TODO exercise total-price').and.not.include('my attempt');
      const kept = fs.readdirSync(path.join(copy.root, '.exercises/attempts/total-price'));
      expect(
        fs.readFileSync(
          path.join(
            copy.root,
            '.exercises/attempts/total-price',
            kept[kept.length - 1],
            'order-service/src/pricing.ts',
          ),
          'utf8',
        ),
      ).to.include('my attempt');
      // --watch: the first check fails, a save that solves it passes, and it stops there
      const watcher = spawn(
        process.execPath,
        ['--require', './protos/register.js', 'exercises/index.ts', 'check', 'total-price', '--watch'],
        { cwd: copy.root, env: { ...process.env, EXERCISES_ROOT: copy.root } },
      );
      let watched = '';
      watcher.stdout.on('data', (chunk) => (watched += chunk));
      const stopped = new Promise<number | null>((resolve) => watcher.once('close', resolve));
      await until(() => watched.includes('Waiting for you to save'), 'the first check to fail and the watcher to wait');
      expect(watched).to.include('exercise total-price: 3 of 7 behaviours missing');
      writeInside(
        copy.root,
        'order-service/src/pricing.ts',
        'total-price',
        '  return Math.round(unitPrice * 100 * quantity) / 100;\n',
      );
      expect(await stopped).to.equal(0);
      expect(watched).to.include('exercise total-price: every behaviour is there');
      const listed = JSON.parse((await exercise(copy, 'list', '--json')).out) as Array<{
        name: string;
        status: string;
      }>;
      expect(listed.find((row) => row.name === 'total-price')?.status).to.equal('done');
    }));

  it("start refuses to write over changes of the student's own, and names the file", () =>
    inCopy(async (copy) => {
      const [first] = EXERCISES;
      const file = first.regions[0].file;
      writeInside(copy.root, file, first.name, '    // my own idea, not yet committed\n');
      const refused = await exercise(copy, 'start', first.name);
      expect(refused.code).to.equal(2);
      expect(refused.out).to.include(`${file} has changes of your own`);
      expect(fs.readFileSync(path.join(copy.root, file), 'utf8')).to.include('my own idea');
      const unknown = await exercise(copy, 'start', 'no-such-exercise');
      expect(unknown.out).to.match(/^no exercise "no-such-exercise"; the exercises are: /);
    }));
});
