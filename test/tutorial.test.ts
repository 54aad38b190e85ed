// The tutorial cannot rot: `npm run tour` runs every lesson's commands and checks that each prints
// what the lesson shows. It runs here as a class would: on a sandbox that has been used (the
// Postman collection ran first), all lessons in order, then each lesson on its own, on the same
// sandbox; and it must change nothing it did not create.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './support/harness';
import { GO_PACKAGES, hasGo, ROOT } from '../launcher/services';
import { lessonFiles } from '../scripts/tour';
import { examplesOf, run } from '../scripts/walkthrough';
import { request } from './support/http';
import { runCollection, savedVariable } from './support/newman';
import { useSandbox } from './support/sandbox';

// the tour as a reader runs it, with the sandbox's addresses (for npm run grpc) in its environment
async function tour(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = await run(
    ['npm', 'run', '-s', 'tour', '--', '--no-pause', ...args].map((a) => `'${a}'`).join(' '),
    env,
    120_000,
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

const lessonText = (file: string) => fs.readFileSync(path.join(ROOT, 'tutorial', file), 'utf8');

describe('the tutorial', function () {
  this.timeout(180_000);
  const lessons = lessonFiles();
  const shared = useSandbox();

  // lesson 22 scales product-service to two and back: if it stopped half-way, the other tests of
  // this shared sandbox still find one product-service
  after(async () => {
    if (shared.sandbox?.supervisor.replicas.has('product-service'))
      await shared.sandbox.supervisor.scale('product-service', 1);
  });

  it('has twenty-two lessons in order, each with commands to run', () => {
    expect(lessons).to.have.length.at.least(22);
    lessons.forEach((file, i) => expect(file.startsWith(String(i + 1).padStart(2, '0'))).to.equal(true));
    for (const file of lessons) expect(examplesOf(lessonText(file)), file).to.not.be.empty;
  });

  it('says which service answered where it says so (lesson 7: "product 0 not found" is product-service\'s answer)', () => {
    const notFound = examplesOf(lessonText('07-error-codes.md')).find((e) => e.command.includes('"productId":"0"'));
    expect(notFound?.explanation.replace(/\s+/g, ' ')).to.include('Here product-service said it');
  });

  describe('npm run tour on a sandbox the Postman collection has used', () => {
    let postman: { userId: string; user: unknown; productId: string; product: unknown };

    before(async () => {
      const summary = await runCollection(shared.sandbox.url);
      expect(summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).to.deep.equal([]);
      const userId = savedVariable(summary, 'createdUserId') as string;
      const productId = savedVariable(summary, 'createdProductId') as string;
      postman = {
        userId,
        productId,
        user: (await request(shared.sandbox.url, 'GET', `/api/users/${userId}`)).body,
        product: (await request(shared.sandbox.url, 'GET', `/api/products/${productId}`)).body,
      };
    });

    it('runs every step of every lesson in order, and each prints what its lesson shows', async () => {
      const steps = lessons.reduce((sum, file) => sum + examplesOf(lessonText(file)).length, 0);
      const restarting = lessons.reduce(
        (sum, file) => sum + examplesOf(lessonText(file)).filter((e) => e.restarts).length,
        0,
      );
      const { code, output } = await tour(shared.sandbox.env, '--url', shared.sandbox.url);
      expect(output, output).to.not.include('✘ not what the lesson shows');
      expect(output).to.include(
        `Tour finished: ${steps} steps from ${lessons.length} lesson(s). ${restarting} of them not run: they restart services`,
      );
      expect(code).to.equal(0);
    });

    it('left the records the Postman collection made as they were', async () => {
      expect((await request(shared.sandbox.url, 'GET', `/api/users/${postman.userId}`)).body).to.deep.equal(
        postman.user,
      );
      expect((await request(shared.sandbox.url, 'GET', `/api/products/${postman.productId}`)).body).to.deep.equal(
        postman.product,
      );
    });

    // a reader may start at any lesson: lesson 3 (it creates, changes and deletes records),
    // lesson 10 (it stops and starts a service), lesson 19 (it swaps in the Go user-service and
    // back) and lesson 22 (it scales product-service to two and back) on their own, after the whole tour
    for (const file of lessonFiles().filter((f) => /^(03|10|19|22)-/.test(f))) {
      const number = String(Number(file.slice(0, 2)));
      const restarts = examplesOf(lessonText(file)).some((e) => e.restarts);
      it(`npm run tour -- ${number}${restarts ? ' --restarts' : ''}: on its own, after the others, every step prints what ${file} shows`, async function () {
        if (number === '19' && !hasGo()) {
          console.log(`      (Go is not installed: lesson 19's swap needs it. apt-get install ${GO_PACKAGES})`);
          return this.skip();
        }
        this.timeout(240_000); // lesson 19 builds the Go user-service if nothing has yet
        const { code, output } = await tour(
          shared.sandbox.env,
          number,
          ...(restarts ? ['--restarts'] : []),
          '--url',
          shared.sandbox.url,
        );
        expect(output, output).to.not.include('✘ not what the lesson shows');
        expect(output).to.include('from 1 lesson(s).');
        expect(output).to.not.include('not run');
        expect(code).to.equal(0);
      });
    }
  });

  it('says how to start the sandbox when it is not running', async () => {
    const { code, output } = await tour(process.env, '--url', `http://127.0.0.1:${await freePort()}`);
    expect(code).to.equal(1);
    expect(output).to.include('start it with `npm start` in another terminal');
  });
});
