// Runs every command of the READMEs' walkthroughs, as written, against a fresh sandbox, and checks
// that each prints what the README shows (scripts/walkthrough.ts). Only the addresses change, as
// the sandbox takes free ports: the gateway's URL in the command, the services' through the
// environment.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../scripts/harness';
import { ROOT } from '../scripts/services';
import { examplesOf, run, runExample, smokeCommandsOf } from '../scripts/walkthrough';

// each README starts from a fresh sandbox, as a reader following it would
const READMES: Array<[string, number]> = [
  ['README.md', 15],
  ['user-service/README.md', 2],
  ['product-service/README.md', 2],
  ['order-service/README.md', 1],
];

for (const [file, atLeast] of READMES) {
  describe(`${file} walkthrough`, () => {
    const examples = examplesOf(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    let sandbox: Sandbox;

    before(async () => {
      sandbox = await startSandbox();
    });
    after(async () => {
      await sandbox?.stop();
    });

    it(`has at least ${atLeast} commands to run`, () => {
      expect(examples.length).to.be.at.least(atLeast);
    });

    for (const [index, example] of examples.entries()) {
      it(`#${index + 1} ${example.command.split('\n')[0].slice(0, 70)}`, async () => {
        const outcome = await runExample(example, sandbox.url, sandbox.env);
        expect(outcome.difference, outcome.printed).to.equal(undefined);
      });
    }

    // examples shown without their output: they must at least run
    for (const command of smokeCommandsOf(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
      it(`runs: ${command.slice(0, 70)}`, async () => {
        const result = await run(command, { ...sandbox.env, GATEWAY_URL: sandbox.url }, 20_000);
        expect(result.status, `${result.stdout}${result.stderr}`).to.equal(0);
      });
    }
  });
}
