// Runs every command of the README's, the docs' and the folders' walkthroughs, as written, against a
// fresh sandbox, and checks that each prints what the page shows (scripts/walkthrough.ts). Only the
// addresses change, as the sandbox takes free ports: the gateway's URL in the command, the
// services' through the environment; and `npm run -s <script>` runs the script without npm's own
// start-up. The commands the docs cannot run here (docker compose) are checked as far as this
// machine can, by test/deployment.test.ts: docker-compose validates the files they name.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Sandbox } from './support/harness';
import { request } from './support/http';
import { useSandbox } from './support/sandbox';
import { npmScript } from './support/scripts';
import { ROOT } from '../launcher/services';
import { codeName, HTTP_STATUS } from '../api-gateway/src/conversion/http-status';
import { examplesOf, run, runExample, smokeCommandsOf } from '../scripts/walkthrough';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

// README.md starts from a fresh sandbox, as a reader following it would, and the reference follows
// on the same one (its examples touch only the seeded records); the folders' READMEs start from a
// fresh one again (they touch different data: user-service renames Jane, product-service creates
// the first new product, order-service the first order). Fresh: the shared sandbox after a reset
// (the seed data, new ids from the start, the settings npm start began with), as a reader's would
// be, without starting four more processes for each; and reset again after each group
const READMES: Array<{ files: Array<[string, number]> }> = [
  {
    files: [
      ['README.md', 4],
      ['docs/reference.md', 4],
      ['docs/deploy.md', 0],
    ],
  },
  {
    files: [
      ['user-service/README.md', 2],
      ['product-service/README.md', 2],
      ['order-service/README.md', 1],
    ],
  },
];

// docs/reference.md shows a sandbox on other ports (3001, 50061–50063), as a reader would start a
// second one; here they are the test sandbox's ports
function onThisSandbox(command: string, sandbox: Sandbox): string {
  const ports: Record<string, string | undefined> = {
    3001: sandbox.env.GATEWAY_PORT,
    50061: sandbox.env.USER_SERVICE_PORT,
    50062: sandbox.env.PRODUCT_SERVICE_PORT,
    50063: sandbox.env.ORDER_SERVICE_PORT,
  };
  return command
    .replaceAll('http://localhost:3001', sandbox.url)
    .replace(/\b(3001|5006[123])\b/g, (port) => ports[port] ?? port);
}

// `npm run -s <script> -- …` as npm runs it (package.json's script), as the examples above are run
// (scripts/walkthrough.ts), without npm's own start-up: a fifth of a CPU-second for each command
function withoutNpm(command: string): string {
  return command.replace(/\bnpm run -s ([\w:-]+)(?: --)?/g, (_, name: string) => npmScript(name));
}

for (const { files } of READMES) {
  describe(`${files.map(([file]) => file).join(', ')}: every walkthrough`, () => {
    const shared = useSandbox();
    let sandbox: Sandbox;

    const reset = async () => {
      const answer = await request(shared.sandbox.url, 'POST', '/lab/reset');
      expect(answer.status, answer.text).to.equal(200);
    };
    before(async function () {
      this.timeout(60_000);
      sandbox = shared.sandbox;
      await reset();
    });
    // and the shared sandbox goes on as a reset leaves it: the other tests read the seeded records
    // as they were (user-service's README renames Jane)
    after(async function () {
      this.timeout(60_000);
      if (shared.sandbox) await reset();
    });

    for (const [file, atLeast] of files) {
      describe(file, () => {
        const markdown = read(file);
        const examples = examplesOf(markdown);

        if (atLeast > 0)
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
            const result = await run(
              withoutNpm(onThisSandbox(command, sandbox)),
              { ...sandbox.env, GATEWAY_URL: sandbox.url },
              20_000,
            );
            expect(result.status, `${result.stdout}${result.stderr}`).to.equal(0);
          });
        }
      });
    }
  });
}

describe("README.md's folder list", () => {
  const list = read('README.md').split('<!-- folders: start -->')[1]?.split('<!-- folders: end -->')[0] ?? '';
  const listed = [...list.matchAll(/^([\w.-]+)\//gm)].map((m) => m[1]);

  it('names every folder the repository tracks, each once, and nothing that is not there', function () {
    let files: string;
    try {
      files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' });
    } catch {
      return this.skip(); // not a git checkout: nothing says which folders are the repository's
    }
    const tracked = files
      .split('\n')
      .filter((file) => file.includes('/'))
      .map((file) => file.split('/')[0]);
    expect([...listed].sort()).to.deep.equal([...new Set(tracked)].sort());
  });
});

describe("docs/reference.md's configuration table", () => {
  // where the sandbox reads its environment: each process's config.ts, the lab's settings, the CLI's
  // config and the launcher's: the only places that read it
  const SOURCES = [
    ...['api-gateway', 'user-service', 'product-service', 'order-service'].map((p) => `${p}/src/config.ts`),
    'lab/src/settings.ts',
    'cli/config.ts',
    'launcher/src/control-client.ts',
    'launcher/services.js',
  ];
  const table = read('docs/reference.md').split('## Configuration')[1].split('\n## ')[0];
  const documented = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));

  it('lists every environment variable the code reads, once, and none it does not', () => {
    const readByCode = new Set(SOURCES.flatMap((file) => [...read(file).matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1])));
    expect([...documented].sort()).to.deep.equal([...readByCode].sort());
  });
});

describe("docs/reference.md's error table", () => {
  const table = read('docs/reference.md').split('## Errors and their HTTP status')[1].split('\n## ')[0];
  const statusOf = new Map(
    table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => {
        const [, codes, http] = line.split('|');
        return [...codes.matchAll(/`([A-Z_]+)`/g)].map((m) => [m[1], http.trim()] as const);
      }),
  );

  it("gives every gRPC code the HTTP status of the gateway's table (api-gateway/src/conversion/http-status.ts)", () => {
    for (const [code, http] of Object.entries(HTTP_STATUS)) {
      if (Number(code) === 0) continue; // OK is not an error
      const name = codeName(Number(code));
      expect(statusOf.get(name), name).to.equal(String(http));
    }
  });
});

describe("docs/reference.md's `npm test -w order-service`: one workspace's tests", () => {
  it("runs from the workspace's folder: each workspace's test script uses the root .mocharc.js, which names the files it loads by their full path", () => {
    expect(read('docs/reference.md')).to.include('`npm test -w order-service` runs one workspace');
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    const tested = workspaces.filter((workspace) => fs.existsSync(path.join(ROOT, workspace, 'test')));
    expect(tested).to.include('order-service');
    for (const workspace of tested) {
      const { scripts } = JSON.parse(read(`${workspace}/package.json`)) as { scripts: Record<string, string> };
      expect(scripts.test, workspace).to.equal("mocha --config ../.mocharc.js 'test/**/*.test.ts'");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../.mocharc.js') as { require: string[] };
    for (const file of config.require) expect(path.isAbsolute(file) && fs.existsSync(file), file).to.equal(true);
  });
});
