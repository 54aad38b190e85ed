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
  expected: { json: unknown } | { text: string };
}

/**
 * The ```bash blocks between walkthrough markers, each with the block after it: ```json (compared
 * as JSON) or ```text (compared as text).
 */
export function walkthroughExamples(markdown: string): Example[] {
  const sections = markdown.split('<!-- readme-walkthrough: start -->').slice(1).map((part) => part.split('<!-- readme-walkthrough: end -->')[0]);
  if (sections.length === 0) throw new Error('no walkthrough markers');
  const examples: Example[] = [];
  const pattern = /```bash\n([\s\S]*?)```\s*```(json|text)\n([\s\S]*?)```/g;
  for (const section of sections) {
    for (const [, command, kind, output] of section.matchAll(pattern)) {
      examples.push({ command: command.trim(), expected: kind === 'json' ? { json: JSON.parse(output) } : { text: output.trim() } });
    }
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
  ['README.md', 15],
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
        if ('json' in example.expected) expect(normalize(JSON.parse(printed))).to.deep.equal(normalize(example.expected.json));
        else expect(printed.trim()).to.equal(example.expected.text);
      });
    }
  });
}
