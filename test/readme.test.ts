// Runs every command of the READMEs' walkthroughs, as written, against a fresh sandbox, and checks
// that each prints what the README shows. Only the addresses change (the sandbox takes free ports):
// the gateway's URL in the command, and the services' addresses through the environment.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../scripts/sandbox';

interface Example {
  command: string;
  expected: unknown;
}

/** The ```bash blocks between the walkthrough markers, each with the ```json block after it. */
export function walkthroughExamples(markdown: string): Example[] {
  const section = markdown.split('<!-- readme-walkthrough: start -->')[1]?.split('<!-- readme-walkthrough: end -->')[0];
  if (!section) throw new Error('README.md has no walkthrough markers');
  const examples: Example[] = [];
  const pattern = /```bash\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/g;
  for (const match of section.matchAll(pattern)) {
    examples.push({ command: match[1].trim(), expected: JSON.parse(match[2]) });
  }
  return examples;
}

// what differs from run to run: the time an order was made, and measured latencies
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => {
    if (key === 'createdAt' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return '<a time>';
    if (key === 'latencyMs' && typeof v === 'number') return '<milliseconds>';
    return v;
  });
}

const ROOT = path.join(__dirname, '..');
// each README starts from a fresh sandbox, as a reader following it would
const READMES: Array<[string, number]> = [
  ['README.md', 10],
  ['user-service/README.md', 2],
  ['product-service/README.md', 2],
  ['order-service/README.md', 1],
];

for (const [file, atLeast] of READMES) {
  describe(`${file} walkthrough`, () => {
    const examples = walkthroughExamples(fs.readFileSync(path.join(ROOT, file), 'utf8'));
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
      it(`#${index + 1} ${example.command.split('\n')[0].slice(0, 70)}`, () => {
        const command = example.command.replaceAll('http://localhost:3000', sandbox.url);
        const printed = execFileSync('bash', ['-c', command], { cwd: ROOT, env: sandbox.env, encoding: 'utf8', timeout: 15_000 });
        expect(normalize(JSON.parse(printed))).to.deep.equal(normalize(example.expected));
      });
    }
  });
}
