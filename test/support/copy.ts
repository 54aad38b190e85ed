// A copy of the repository's tracked files in a temporary folder, for tests that change the code
// (the exercises' proof: start, check, solution), so that the tests running beside them keep
// loading the real code. node_modules is shared, except the sandbox's own packages
// (node_modules/@sandbox/*), which point to the copy's folders: the copy runs its own code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../launcher/services';

export interface RepositoryCopy {
  root: string;
  remove(): void;
}

export function copyRepository(prefix = 'sandbox-copy-'): RepositoryCopy {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // tracked files and new ones not ignored: what a student's clone holds, with today's changes
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(from, path.join(root, file));
  }
  // a git repository of its own: `start` compares a region with the last commit
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=copy', '-c', 'user.email=copy@example.com', 'commit', '-q', '-m', 'copy'], {
    cwd: root,
  });
  const modules = path.join(root, 'node_modules');
  fs.mkdirSync(path.join(modules, '@sandbox'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry !== '@sandbox') fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules', '@sandbox'))) {
    const target = fs.realpathSync(path.join(ROOT, 'node_modules', '@sandbox', entry));
    fs.symlinkSync(path.join(root, path.relative(ROOT, target)), path.join(modules, '@sandbox', entry));
  }
  // a workspace's own node_modules (a version of a package only it uses), shared too
  for (const folder of fs.readdirSync(ROOT)) {
    const own = path.join(ROOT, folder, 'node_modules');
    if (folder !== 'node_modules' && fs.existsSync(own) && fs.existsSync(path.join(root, folder)))
      fs.symlinkSync(own, path.join(root, folder, 'node_modules'));
  }
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
