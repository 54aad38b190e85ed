// What `npm run -s <script> -- <arguments>` runs: package.json's script with the arguments, in the
// repository's folder. A test that runs a script many times runs this command instead, without
// npm's own start-up (about a fifth of a CPU-second each time), as scripts/walkthrough.ts runs the
// lessons' commands; a few tests still type `npm run -s …` as a student does (test/cli.test.ts,
// test/grpc.test.ts, test/start.test.ts).
//   await run(`${npmScript('sandbox')} reset`, sandbox.env)   // scripts/walkthrough.ts's run: bash, in ROOT
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../launcher/services';

export function npmScript(name: string): string {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = scripts[name];
  if (script === undefined) throw new Error(`package.json has no script named ${name}`);
  return script;
}
