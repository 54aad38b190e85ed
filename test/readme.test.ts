// Runs every command of the READMEs' walkthroughs, as written, against a fresh sandbox, and checks
// that each prints what the README shows (scripts/walkthrough.ts). Only the addresses change, as
// the sandbox takes free ports: the gateway's URL in the command, the services' through the
// environment.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from './support/harness';
import { ROOT } from '../launcher/services';
import { examplesOf, run, runExample, smokeCommandsOf } from '../scripts/walkthrough';

// README.md starts from a fresh sandbox, as a reader following it would; the folders' READMEs
// share one more (they touch different data: user-service renames Jane, product-service creates the
// first new product, order-service the first order)
const READMES: Array<{ files: Array<[string, number]> }> = [
  { files: [['README.md', 15]] },
  {
    files: [
      ['user-service/README.md', 2],
      ['product-service/README.md', 2],
      ['order-service/README.md', 1],
    ],
  },
];

for (const { files } of READMES) {
  describe(`${files.map(([file]) => file).join(', ')}: every walkthrough`, () => {
    let sandbox: Sandbox;

    before(async () => {
      sandbox = await startSandbox();
    });
    after(async () => {
      await sandbox?.stop();
    });

    for (const [file, atLeast] of files) {
      describe(file, () => {
        const markdown = fs.readFileSync(path.join(ROOT, file), 'utf8');
        const examples = examplesOf(markdown);

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
        for (const command of smokeCommandsOf(markdown)) {
          it(`runs: ${command.slice(0, 70)}`, async () => {
            const result = await run(command, { ...sandbox.env, GATEWAY_URL: sandbox.url }, 20_000);
            expect(result.status, `${result.stdout}${result.stderr}`).to.equal(0);
          });
        }
      });
    }
  });
}
