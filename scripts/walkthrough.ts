// The runnable examples of a markdown file: between `<!-- walkthrough: start -->` and
// `<!-- walkthrough: end -->`, each ```bash block and the ```json or ```text block after it,
// which shows what the command prints. README.md, the folders' READMEs and the tutorial's
// lessons are written this way; tests run them all (test/readme.test.ts, test/tutorial.test.ts)
// and `npm run tour` (scripts/tour.ts) runs the lessons for a person.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../launcher/services';

export interface Example {
  explanation: string; // the prose just before the command
  command: string;
  expected: { json: unknown } | { text: string };
  // in a section marked `<!-- walkthrough: start, restarts services -->`: it stops, restarts or
  // swaps a service of the reader's sandbox (lessons 10 and 19); the tour runs it only when asked to
  restarts: boolean;
}

export const DEFAULT_GATEWAY = 'http://localhost:3000';
const SECTION_START = /<!-- walkthrough: start(, restarts services)? -->/;

export function examplesOf(markdown: string): Example[] {
  const parts = markdown.split(SECTION_START); // text, marker group, section, marker group, section…
  const examples: Example[] = [];
  const pattern = /```bash\n([\s\S]*?)```\s*```(json|text)\n([\s\S]*?)```/g;
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const restarts = parts[i] !== undefined;
    const section = parts[i + 1].split('<!-- walkthrough: end -->')[0];
    let previousEnd = 0;
    for (const match of section.matchAll(pattern)) {
      const [whole, command, kind, output] = match;
      examples.push({
        explanation: section.slice(previousEnd, match.index).trim(),
        command: command.trim(),
        expected: kind === 'json' ? { json: JSON.parse(output) } : { text: output.trim() },
        restarts,
      });
      previousEnd = (match.index ?? 0) + whole.length;
    }
  }
  return examples;
}

/**
 * The commands of the ```bash blocks between `<!-- smoke: start -->` and `<!-- smoke: end -->`:
 * examples shown without their output, each of which must at least run and exit 0.
 */
export function smokeCommandsOf(markdown: string): string[] {
  const sections = markdown
    .split('<!-- smoke: start -->')
    .slice(1)
    .map((part) => part.split('<!-- smoke: end -->')[0]);
  return sections.flatMap((section) =>
    [...section.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap(([, block]) =>
      block
        .split('\n')
        .map((line) => line.replace(/\s+#.*$/, '').trim())
        .filter(Boolean),
    ),
  );
}

export interface Outcome {
  printed: string; // stdout and stderr, as a person would see them
  matches: boolean;
  difference?: string;
}

/** The command as it is sent to a sandbox whose gateway is at `gatewayUrl`: only the address changes. */
export function onGateway(command: string, gatewayUrl: string): string {
  return command.replaceAll(DEFAULT_GATEWAY, gatewayUrl);
}

/**
 * Runs one example's command with bash, as written, pointed at `gatewayUrl` (in curl commands;
 * GATEWAY_URL for the CLI, GATEWAY_PORT for `npm run sandbox`, unless `env` names another), and
 * compares what it printed with what the example shows. The gateway's address in what it printed
 * is compared as the text shows it, http://localhost:3000. Its `npm run -s <script>` runs the
 * script without npm's own start-up (npmScripts).
 */
export async function runExample(
  example: Example,
  gatewayUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Outcome> {
  const port = new URL(gatewayUrl).port || '80';
  const result = await run(
    onGateway(example.command, gatewayUrl),
    { ...env, ...npmScripts(), GATEWAY_URL: gatewayUrl, GATEWAY_PORT: env.GATEWAY_PORT ?? port },
    180_000, // lesson 19's first `use user-service go` builds the Go user-service: a minute or more
  );
  const printed = `${result.stdout}${result.stderr}`.trim();
  const shown = (result.stdout.trim() || result.stderr.trim())
    .replaceAll(gatewayUrl, DEFAULT_GATEWAY)
    .replaceAll(`http://localhost:${port}`, DEFAULT_GATEWAY);
  const difference = compare(example.expected, shown);
  return { printed, matches: difference === undefined, difference };
}

/**
 * `npm run -s <script> -- <arguments>` runs package.json's script with the arguments, in the
 * repository's folder with node_modules/.bin first in PATH: that is all npm does, after a third of
 * a second of its own start-up. The lessons run it about a hundred times, so an example's bash gets
 * a function named npm (exported to it as BASH_FUNC_npm%%) that runs the script itself; every other
 * use of npm goes to npm.
 */
function npmScripts(): NodeJS.ProcessEnv {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: object })
    .scripts as Record<string, string>;
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const cases = Object.entries(scripts)
    .map(
      ([name, script]) =>
        `${quote(name)}) (cd ${quote(ROOT)} && PATH=${quote(path.join(ROOT, 'node_modules', '.bin'))}:"$PATH" && eval ${quote(`${script} "$@"`)}) ;;`,
    )
    .join(' ');
  const body = [
    'if [ "$1" = run ] && [ "$2" = -s ] && [ -n "$3" ] && { [ $# -eq 3 ] || [ "$4" = -- ]; }; then',
    'local script="$3"; shift 3; [ "$1" = -- ] && shift;',
    `case "$script" in ${cases} *) command npm run -s "$script" -- "$@" ;; esac;`,
    'else command npm "$@"; fi',
  ].join(' ');
  return { 'BASH_FUNC_npm%%': `() { ${body}; }` };
}

/**
 * Runs a command with bash. Not spawnSync: the tests' sandbox answers `npm run sandbox` from the
 * same process, which must keep running while the command waits for it.
 */
export function run(
  command: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Undefined when `printed` is what the example shows; otherwise a short reason. */
export function compare(expected: Example['expected'], printed: string): string | undefined {
  if ('json' in expected) {
    let actual: unknown;
    try {
      actual = JSON.parse(printed);
    } catch {
      return `expected JSON, got: ${printed.slice(0, 200)}`;
    }
    const [want, got] = [JSON.stringify(normalize(expected.json)), JSON.stringify(normalize(actual))];
    return want === got ? undefined : `expected ${want}\n     got ${got}`;
  }
  const wantLines = expected.text.split('\n');
  const gotLines = printed.split('\n');
  if (wantLines.length !== gotLines.length)
    return `expected ${wantLines.length} lines, got ${gotLines.length}:\n${printed}`;
  for (const [i, want] of wantLines.entries()) {
    if (!textLineMatches(want, gotLines[i])) return `line ${i + 1}: expected "${want}"\n        got "${gotLines[i]}"`;
  }
  return undefined;
}

// In a ```text block, "…" stands for anything (a time, a duration) within that line. Runs of
// spaces (and of a table's rule) count as one: a longer id widens a table's columns.
function textLineMatches(want: string, got: string): boolean {
  const squeeze = (line: string) => line.trimEnd().replace(/ {2,}/g, ' ').replace(/─+/g, '─');
  const pattern = squeeze(want)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(squeeze(got));
}

// what differs from run to run: when an order was made, and measured latencies
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => {
    if (key === 'createdAt' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return '<a time>';
    if (key === 'latencyMs' && typeof v === 'number') return '<milliseconds>';
    if (key === 'token' && typeof v === 'string') return '<a token>'; // a new one at each login
    return v;
  });
}
