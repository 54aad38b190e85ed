// What npm test checks without running anything: the types (tsc --noEmit), the lint rules and the
// formatting (npm run lint), and the generated types against the .proto files. They run here, as
// tests, so they run beside the others (.mocharc.js runs two files at a time) instead of before
// them; each failure shows the tool's own output.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { ROOT } from '../launcher/services';

function npmRun(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('the code as written (no process started)', function () {
  this.timeout(120_000);
  // started together: each is one process, and they wait on the disk as much as on the CPU
  const runs = new Map<string, ReturnType<typeof npmRun>>();
  before(() => {
    for (const script of ['typecheck', 'lint', 'check:types-in-sync']) runs.set(script, npmRun(script));
  });

  it('type-checks: npm run typecheck (tsc --noEmit)', async () => {
    const { code, output } = await (runs.get('typecheck') as ReturnType<typeof npmRun>);
    expect(code, output).to.equal(0);
  });

  it('follows the lint rules and the formatting: npm run lint (eslint, prettier --check)', async () => {
    const { code, output } = await (runs.get('lint') as ReturnType<typeof npmRun>);
    expect(code, output).to.equal(0);
  });

  it('has the generated types of the .proto files as they are: npm run check:types-in-sync', async () => {
    const { code, output } = await (runs.get('check:types-in-sync') as ReturnType<typeof npmRun>);
    expect(code, output).to.equal(0);
  });
});
