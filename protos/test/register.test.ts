import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// protos/register.js: how npm start runs the processes, and the CLI and scripts run.
describe('protos/register.js (the processes load TypeScript through it)', () => {
  const register = path.join(__dirname, '..', 'register.js');
  let folder: string;
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'register-'))));
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  function runTs(source: string, env: NodeJS.ProcessEnv = process.env) {
    const file = path.join(folder, 'example.ts');
    fs.writeFileSync(file, source);
    return spawnSync(process.execPath, ['--require', register, file], { encoding: 'utf8', env });
  }

  it('runs a .ts file: types stripped, imports turned into require, and neither ts-node nor TypeScript loaded', () => {
    const result = runTs(
      [
        "import path from 'node:path';",
        'interface Shown { name: string }',
        "const shown: Shown = { name: path.basename('/a/b.ts') };",
        'const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/(ts-node|typescript)\\//.test(f));',
        'console.log(JSON.stringify({ shown, loaded }));',
      ].join('\n'),
    );
    expect(result.stderr).to.equal('');
    expect(JSON.parse(result.stdout)).to.deep.equal({ shown: { name: 'b.ts' }, loaded: [] });
  });

  it('keeps every line where it was: a stack trace names the .ts line', () => {
    const result = runTs(
      ['type T = { a: number };', '', 'const t: T = { a: 1 };', "throw new Error('line 4 ' + t.a);"].join('\n'),
    );
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(/example\.ts:4\b/);
  });

  it('runs a file as it is now, after an edit (what it kept is for the old text)', () => {
    expect(runTs('const total: number = 1000 * 2;\nconsole.log(total);').stdout).to.equal('2000\n');
    expect(runTs('const total: number = 1000 * 3;\nconsole.log(total);').stdout).to.equal('3000\n');
  });

  it('npm install strips every file ahead (warm-cache.js): the first start then loads no sucrase', () => {
    const root = path.join(__dirname, '..', '..');
    const env = { ...process.env, SANDBOX_TS_CACHE: path.join(folder, 'cache') };
    const sucraseLoaded = () =>
      spawnSync(
        process.execPath,
        [
          '--require',
          register,
          '-e',
          "require('./api-gateway/src/app'); console.log(Object.keys(require.cache).some((f) => /node_modules[\\\\/]sucrase[\\\\/]dist[\\\\/]/.test(f)))",
        ],
        { cwd: root, encoding: 'utf8', env },
      ).stdout.trim();
    expect(sucraseLoaded()).to.equal('true'); // nothing kept yet: each file stripped as it loads
    fs.rmSync(path.join(folder, 'cache'), { recursive: true, force: true });
    const warmed = spawnSync(process.execPath, [path.join(__dirname, '..', 'warm-cache.js')], {
      encoding: 'utf8',
      env,
    });
    expect(warmed.status).to.equal(0);
    expect(warmed.stdout).to.match(/^protos\/warm-cache\.js: \d{3} \.ts files stripped of their types/);
    expect(sucraseLoaded()).to.equal('false');
  });

  it('warm-cache.js never fails an install: where nothing can be kept, it says so and exits 0', () => {
    const blocked = path.join(folder, 'a-file');
    fs.writeFileSync(blocked, '');
    const warmed = spawnSync(process.execPath, [path.join(__dirname, '..', 'warm-cache.js')], {
      encoding: 'utf8',
      env: { ...process.env, SANDBOX_TS_CACHE: path.join(blocked, 'cache') },
    });
    expect(warmed.status).to.equal(0);
    expect(warmed.stdout).to.match(/nothing stripped ahead \(ENOTDIR.*\); each process will as it starts/);
  });

  it('runs all the same where its cache cannot be written (a read-only node_modules in a container)', () => {
    const blocked = path.join(folder, 'a-file');
    fs.writeFileSync(blocked, ''); // a folder inside a file can never be made, even by root
    const result = runTs('console.log(2 as number);', {
      ...process.env,
      SANDBOX_TS_CACHE: path.join(blocked, 'cache'),
    });
    expect(result.stderr).to.equal('');
    expect(result.stdout).to.equal('2\n');
  });
});
