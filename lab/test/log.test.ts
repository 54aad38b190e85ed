// The logger every process uses (lab/src/log.ts): pretty lines for people, JSON lines with
// every field for tools, and no line lost when a process exits straight after logging.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { NODE_ARGS, ROOT } from '../../launcher/services';

// the environment without the variables log.ts reads, so each test sets only its own
const quiet = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !['LOG_FORMAT', 'LOG_LEVEL', 'FORCE_COLOR'].includes(name)),
);

// logs three lines in a fresh process, then ends as `how` says
function logThenEnd(how: 'return' | 'exit' | 'throw', env: NodeJS.ProcessEnv = {}) {
  const script = `
    const { createLogger } = require('./lab/src/log');
    // as each process's config.ts reads them
    const log = createLogger('demo-service', { level: process.env.LOG_LEVEL ?? 'info', format: process.env.LOG_FORMAT === 'json' ? 'json' : 'pretty', colour: false });
    log.info({ span: { name: 'GetUser', durationMs: 1.5 } }, 'a1b2c3d4 demo-service GetUser id=1 → ok 1.5ms');
    log.warn('careful');
    log.error({ err: new Error('boom') }, 'handler failed');
    ${how === 'exit' ? 'process.exit(3);' : how === 'throw' ? "throw new Error('crash');" : ''}`;
  const result = spawnSync(process.execPath, [...NODE_ARGS, '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...quiet, ...env },
    timeout: 20_000,
  });
  return { code: result.status, lines: result.stdout.split('\n').filter(Boolean) };
}

describe('logging (lab/src/log.ts)', function () {
  this.timeout(30_000);

  it('writes pretty lines: the time, the level and the message, and an error with its stack', () => {
    const { code, lines } = logThenEnd('return');
    expect(code).to.equal(0);
    expect(lines[0]).to.match(/^\d\d:\d\d:\d\d\.\d{3} INFO: a1b2c3d4 demo-service GetUser id=1 → ok 1\.5ms$/);
    expect(lines[1]).to.match(/^\d\d:\d\d:\d\d\.\d{3} WARN: careful$/);
    expect(lines[2]).to.match(/^\d\d:\d\d:\d\d\.\d{3} ERROR: handler failed$/);
    expect(lines[3]).to.equal('Error: boom');
    expect(lines[4]).to.match(/^\s+at /);
  });

  it('writes one JSON object per line with LOG_FORMAT=json, with every field', () => {
    const { lines } = logThenEnd('return', { LOG_FORMAT: 'json' });
    const [info, warn, error] = lines.map((line) => JSON.parse(line));
    expect(info).to.include({
      level: 30,
      service: 'demo-service',
      msg: 'a1b2c3d4 demo-service GetUser id=1 → ok 1.5ms',
    });
    expect(info.span).to.deep.equal({ name: 'GetUser', durationMs: 1.5 });
    expect(warn).to.include({ level: 40, msg: 'careful' });
    expect(error.err).to.include({ type: 'Error', message: 'boom' });
    expect(error.err.stack).to.match(/^Error: boom\n\s+at /);
  });

  it('honours LOG_LEVEL', () => {
    const { lines } = logThenEnd('return', { LOG_LEVEL: 'warn' });
    expect(lines.filter((line) => / (INFO|WARN|ERROR): /.test(line)).map((line) => line.slice(13))).to.deep.equal([
      'WARN: careful',
      'ERROR: handler failed',
    ]);
  });

  for (const how of ['exit', 'throw'] as const) {
    it(`loses no line when the process ends at once (${how === 'exit' ? 'process.exit()' : 'an uncaught exception'})`, () => {
      const { code, lines } = logThenEnd(how);
      expect(code).to.equal(how === 'exit' ? 3 : 1);
      expect(lines.filter((line) => / (INFO|WARN|ERROR): /.test(line))).to.have.length(3);
    });
  }

  it('ends when nobody reads its output any more (a launcher killed with kill -9), lines still queued at exit', async () => {
    // the race CI found: one write on its way, the next queued behind it, then process.exit, with
    // the reader of standard output gone; the logger used to retry the queued line for ever
    const script = `
      const { createLogger } = require('./lab/src/log');
      const { exitAfterFlush } = require('./protos/src/process');
      const log = createLogger('demo-service', { level: 'info', format: 'pretty', colour: false });
      log.info('demo-service received the end of its launcher');
      setImmediate(() => {
        log.info('demo-service stopped');
        exitAfterFlush(log, 0);
      });`;
    const child = spawn(process.execPath, [...NODE_ARGS, '-e', script], {
      cwd: ROOT,
      env: quiet,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.destroy(); // the reader has gone before the first line
    const ended = await new Promise<number | null | 'still running'>((resolve) => {
      const timer = setTimeout(() => resolve('still running'), 15_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    if (ended === 'still running') child.kill('SIGKILL');
    expect(ended).to.equal(0);
  });

  it('escapes control characters in a pretty line, so text a client sent cannot forge a line or recolour the terminal', () => {
    const script = `
      const { createLogger } = require('./lab/src/log');
      createLogger('demo-service', { level: 'info', format: 'pretty', colour: false }).info('GetUser name=x\\n08:00:00.000 INFO: FAKE admin logged in \\u001b[31mred\\u0000');`;
    const result = spawnSync(process.execPath, [...NODE_ARGS, '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: quiet,
      timeout: 20_000,
    });
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(
      /INFO: GetUser name=x\\n08:00:00\.000 INFO: FAKE admin logged in \\u001b\[31mred\\u0000$/,
    );
  });
});
