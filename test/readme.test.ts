// Runs every command of README.md's walkthrough, as written, against a fresh sandbox, and checks
// that each prints what the README shows. Only the port changes (the sandbox takes free ones).
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

describe('README.md walkthrough', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const examples = walkthroughExamples(readme);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox?.stop();
  });

  it('has commands to run', () => {
    expect(examples.length).to.be.greaterThan(10);
    for (const example of examples) expect(example.command).to.include('http://localhost:3000');
  });

  for (const [index, example] of walkthroughExamples(readme).entries()) {
    it(`#${index + 1} ${example.command.split('\n')[0].slice(0, 70)}`, () => {
      const command = example.command.replaceAll('http://localhost:3000', sandbox.url);
      const printed = execFileSync('bash', ['-c', command], { encoding: 'utf8', timeout: 10_000 });
      expect(normalize(JSON.parse(printed))).to.deep.equal(normalize(example.expected));
    });
  }
});
