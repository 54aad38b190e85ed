// The tutorial cannot rot: `npm run tour` runs every lesson's commands and checks that each prints
// what the lesson shows; here it runs once for the whole tutorial, and once for each lesson on its
// own, each on a fresh sandbox (a reader may start at any lesson).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startSandbox, type Sandbox } from '../scripts/harness';
import { ROOT } from '../scripts/services';
import { lessonFiles } from '../scripts/tour';
import { examplesOf } from '../scripts/walkthrough';

// the tour as a reader runs it, with the sandbox's addresses (for npm run grpc) in its environment
function tour(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync('npm', ['run', '-s', 'tour', '--', '--no-pause', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

describe('the tutorial', function () {
  this.timeout(120_000);
  const lessons = lessonFiles();

  it('has nine lessons in order, each with commands to run', () => {
    expect(lessons).to.have.length.at.least(9);
    lessons.forEach((file, i) => expect(file.startsWith(String(i + 1).padStart(2, '0'))).to.equal(true));
    for (const file of lessons) expect(examplesOf(fs.readFileSync(path.join(ROOT, 'tutorial', file), 'utf8')), file).to.not.be.empty;
  });

  describe('npm run tour, all lessons in order', () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox();
    });
    after(async () => {
      await sandbox?.stop();
    });

    it('runs every step, and each prints what its lesson shows', () => {
      const steps = lessons.reduce((sum, file) => sum + examplesOf(fs.readFileSync(path.join(ROOT, 'tutorial', file), 'utf8')).length, 0);
      const { code, output } = tour(sandbox.env, '--url', sandbox.url);
      expect(output, output).to.not.include('✘');
      expect(output).to.include(`Tour finished: ${steps} steps from ${lessons.length} lesson(s).`);
      expect(code).to.equal(0);
    });
  });

  for (const file of lessonFiles()) {
    const number = file.slice(0, 2);
    describe(`lesson ${number} on its own`, () => {
      let sandbox: Sandbox;
      before(async () => {
        sandbox = await startSandbox();
      });
      after(async () => {
        await sandbox?.stop();
      });

      it(`npm run tour -- ${Number(number)}: every step prints what ${file} shows`, () => {
        const { code, output } = tour(sandbox.env, String(Number(number)), '--url', sandbox.url);
        expect(output, output).to.not.include('✘');
        expect(output).to.include('from 1 lesson(s)');
        expect(code).to.equal(0);
      });
    });
  }

  it('says how to start the sandbox when it is not running', async () => {
    const { code, output } = tour(process.env, '--url', `http://127.0.0.1:${await freePort()}`);
    expect(code).to.equal(1);
    expect(output).to.include('start it with `npm start` in another terminal');
  });
});
