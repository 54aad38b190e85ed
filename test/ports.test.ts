// Free ports (launcher/ports.js): the tests start many sandboxes at once, in several processes, and a
// port is free only until a service listens on it. Two processes asking at once are never given the
// same port; a process killed without letting go of its ports does not keep them.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLAIMS, claimPort, freePort } from '../launcher/ports';
import { ROOT } from '../launcher/services';
import { until } from './support/sandbox';

const PORTS_EACH = 400;

/** Another process that asks for `count` ports, prints them as JSON, and lives until its standard input closes. */
function askerOfPorts(count: number): { child: ChildProcess; ports: Promise<number[]> } {
  const script = `
    const { freePort } = require('./launcher/ports');
    (async () => {
      const ports = [];
      for (let i = 0; i < ${count}; i++) ports.push(await freePort());
      process.stdout.write(JSON.stringify(ports) + '\\n');
      process.stdin.on('end', () => process.exit(0)).resume();
    })();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const ports = new Promise<number[]>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.endsWith('\n')) resolve(JSON.parse(output) as number[]);
    });
    child.once('exit', (code) => reject(new Error(`the other process ended (${code}) before printing its ports`)));
  });
  return { child, ports };
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('free ports for sandboxes started at once (launcher/ports.js)', () => {
  // The system picks among about 14 000 ports: 400 and 400 picked at once would share about 11 of
  // them, were they not claimed (none in a run is a chance of about 1 in 90 000).
  it(`two processes asking at once are never given the same port: ${PORTS_EACH} each, none shared`, async () => {
    const other = askerOfPorts(PORTS_EACH);
    try {
      const ours: number[] = [];
      for (let i = 0; i < PORTS_EACH; i++) ours.push(await freePort());
      const theirs = await other.ports;
      expect(new Set(ours).size, 'our own ports, each once').to.equal(PORTS_EACH);
      expect(theirs).to.have.length(PORTS_EACH);
      expect(theirs.filter((port) => ours.includes(port))).to.deep.equal([]);
      // each port is claimed by the process it was given to
      expect(fs.readFileSync(path.join(CLAIMS, String(theirs[0])), 'utf8')).to.equal(String(other.child.pid));
      expect(fs.readFileSync(path.join(CLAIMS, String(ours[0])), 'utf8')).to.equal(String(process.pid));
    } finally {
      other.child.stdin?.end();
      await exitOf(other.child);
    }
    // and let go of when it ends
    const theirs = await other.ports;
    expect(theirs.filter((port) => fs.existsSync(path.join(CLAIMS, String(port))))).to.deep.equal([]);
  });

  it('a port claimed by a process killed with kill -9 is not kept: claimed again, then by the next asker', async () => {
    const other = askerOfPorts(3);
    const [first, second] = await other.ports;
    expect(claimPort(first), 'claimed by a process alive').to.equal(false);
    other.child.kill('SIGKILL');
    await exitOf(other.child);
    expect(fs.readFileSync(path.join(CLAIMS, String(first)), 'utf8'), 'left behind').to.equal(String(other.child.pid));
    expect(claimPort(first), 'taken over').to.equal(true);
    expect(fs.readFileSync(path.join(CLAIMS, String(first)), 'utf8')).to.equal(String(process.pid));
    expect(claimPort(first), 'now ours').to.equal(false);
    // the others it left are removed by the next process that claims its first port
    const next = askerOfPorts(1);
    await next.ports;
    next.child.stdin?.end();
    await exitOf(next.child);
    await until(() => !fs.existsSync(path.join(CLAIMS, String(second))), 'the claims of the killed process to go');
  });
});
