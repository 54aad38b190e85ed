// The tutorial cannot rot: `npm run tour` runs every lesson's commands exactly as written and checks
// that each prints what the lesson shows. Every lesson begins with `npm run sandbox -- reset`, the
// sandbox as npm start set it, so it must work in order and alone. It runs here as a class would:
// all lessons in order, on a sandbox the Postman collection has used first; and each lesson alone
// after its reset, in reverse order, so that each follows another lesson than it does in order.
// The steps that stop, restart or swap a service (lessons 10 and 19) run in the first pass only: they
// start processes of their own, whatever came before, and are about a fifth of a pass's CPU.
// The second pass has a sandbox of its own, and runs while the first does (most of a step is
// waiting for a process to start): lesson 11's failed logins count for a minute, and a reset does
// not forget them (as the lesson says), so its second run within the minute would be refused.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startSandbox, type Sandbox } from './support/harness';
import { buildGoUserService, GO_PACKAGES, hasGo, ROOT } from '../launcher/services';
import { lessonFiles } from '../scripts/tour';
import { examplesOf, run } from '../scripts/walkthrough';
import { POSTMAN_REQUESTS, runCollection } from './support/newman';
import { report, useSandbox } from './support/sandbox';

// the tour as a reader runs it, with the sandbox's addresses (for npm run grpc) in its environment
async function tour(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = await run(
    ['npm', 'run', '-s', 'tour', '--', '--no-pause', ...args].map((a) => `'${a}'`).join(' '),
    env,
    420_000,
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

const lessonText = (file: string) => fs.readFileSync(path.join(ROOT, 'tutorial', file), 'utf8');
const RESET = 'npm run -s sandbox -- reset';

describe('the tutorial', function () {
  // a pass is about 90 s of a quiet two-core machine, most of it the services' start after each
  // reset and the CLI's; with other tests on the same cores, several times that
  this.timeout(420_000);
  const lessons = lessonFiles();
  const shared = useSandbox();
  const steps = lessons.reduce((sum, file) => sum + examplesOf(lessonText(file)).length, 0);
  // lesson 19's steps swap in the Go user-service, and lesson 10's stop one: with --restarts
  const restarts = hasGo() ? ['--restarts'] : [];
  const restartSteps = lessons.reduce(
    (sum, file) => sum + examplesOf(lessonText(file)).filter((e) => e.restarts).length,
    0,
  );
  const notRun = hasGo() ? 0 : restartSteps;

  it('has twenty-two lessons in order, each with commands to run, the first of which is the reset', () => {
    expect(lessons).to.have.length.at.least(22);
    lessons.forEach((file, i) => expect(file.startsWith(String(i + 1).padStart(2, '0'))).to.equal(true));
    for (const file of lessons) expect(examplesOf(lessonText(file))[0]?.command, file).to.equal(RESET);
  });

  it('says which service answered where it says so (lesson 7: "product 0 not found" is product-service\'s answer)', () => {
    const notFound = examplesOf(lessonText('07-error-codes.md')).find((e) => e.command.includes('"productId":"0"'));
    expect(notFound?.explanation.replace(/\s+/g, ' ')).to.include('Here product-service said it');
  });

  describe('npm run tour, every command as written', () => {
    let alone: Promise<Sandbox>;
    let aloneTour: Promise<{ code: number | null; output: string }>;

    before(async function () {
      this.timeout(240_000);
      if (!hasGo())
        console.log(`      (Go is not installed: lesson 19's swap is not run. apt-get install ${GO_PACKAGES})`);
      else expect(buildGoUserService()).to.equal(null); // once, before the first pass swaps it in
      // the lessons in reverse order, each alone after its reset, on a sandbox of its own, with a
      // login of its own (lessons 11 and 12 log in and out), while the first pass runs; it traces
      // as npm start does, at most 100 requests a second, where the tests' sandboxes trace all
      alone = startSandbox({ env: { TRACES_PER_SECOND: process.env.TRACES_PER_SECOND } });
      alone.catch(() => undefined);
      const reversed = lessons.map((file) => String(Number(file.slice(0, 2)))).reverse();
      aloneTour = alone.then((sandbox) =>
        tour(
          { ...sandbox.env, SANDBOX_TOKEN_FILE: `${process.env.SANDBOX_TOKEN_FILE}.alone` },
          ...reversed,
          '--url',
          sandbox.url,
        ),
      );
      aloneTour.catch(() => undefined);
    });

    // lesson 22 scales product-service to two and back: if it stopped half-way, the other tests of
    // the shared sandbox still find one product-service
    after(async () => {
      if (shared.sandbox?.supervisor.replicas.has('product-service'))
        await shared.sandbox.supervisor.scale('product-service', 1);
      await aloneTour?.catch(() => undefined);
      await (await alone?.catch(() => undefined))?.stop();
    });

    // test/postman.test.ts checks what the collection holds; here newman runs it, as a class might
    // before the tour, on the sandbox the tour then uses
    it("first, the Postman collection, run by newman: every request's own tests pass", async function () {
      this.timeout(60_000);
      const { run } = await runCollection(shared.sandbox.url);
      expect(run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).to.deep.equal([]);
      expect(run.stats.requests.total).to.equal(POSTMAN_REQUESTS);
      expect(run.stats.assertions.total).to.be.at.least(290);
    });

    it('runs every lesson in order, on a sandbox the Postman collection has used: each answer is the one its lesson shows', async () => {
      const { code, output } = await tour(shared.sandbox.env, ...restarts, '--url', shared.sandbox.url);
      expect(output, output).to.not.include('✘ not what the lesson shows');
      expect(output).to.include(
        `Tour finished: ${steps} steps from ${lessons.length} lesson(s), ${steps - notRun} answers compared with the lessons'.`,
      );
      expect(code).to.equal(0);
      report(`in order: ${steps - notRun} answers compared with the lessons'`);
    });

    it('runs each lesson alone after its reset, in reverse order (each after another lesson than in order): each answer is the one its lesson shows', async () => {
      const { code, output } = await aloneTour;
      expect(output, output).to.not.include('✘ not what the lesson shows');
      expect(output.indexOf('━━ Lesson 22 ')).to.be.lessThan(output.indexOf('━━ Lesson 21 '));
      expect(output).to.include(
        `Tour finished: ${steps} steps from ${lessons.length} lesson(s), ${steps - restartSteps} answers compared with the lessons'. ${restartSteps} of them not run`,
      );
      expect(code).to.equal(0);
      report(`alone: ${steps - restartSteps} answers compared with the lessons'`);
    });
  });

  it('says how to start the sandbox when it is not running', async () => {
    const { code, output } = await tour(process.env, '--url', `http://127.0.0.1:${await freePort()}`);
    expect(code).to.equal(1);
    expect(output).to.include('start it with `npm start` in another terminal');
  });
});
