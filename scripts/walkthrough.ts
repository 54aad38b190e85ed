// The runnable examples of a markdown file: between `<!-- walkthrough: start -->` and
// `<!-- walkthrough: end -->`, each ```bash block and the ```json or ```text block after it,
// which shows what the command prints. README.md, the folders' READMEs and the tutorial's
// lessons are written this way; tests run them all (test/readme.test.ts, test/tutorial.test.ts)
// and `npm run tour` (scripts/tour.ts) runs the lessons for a person.
import { spawnSync } from 'node:child_process';
import { ROOT } from './services';

export interface Example {
  explanation: string; // the prose just before the command
  command: string;
  expected: { json: unknown } | { text: string };
}

export const DEFAULT_GATEWAY = 'http://localhost:3000';

export function examplesOf(markdown: string): Example[] {
  const sections = markdown
    .split('<!-- walkthrough: start -->')
    .slice(1)
    .map((part) => part.split('<!-- walkthrough: end -->')[0]);
  const examples: Example[] = [];
  const pattern = /```bash\n([\s\S]*?)```\s*```(json|text)\n([\s\S]*?)```/g;
  for (const section of sections) {
    let previousEnd = 0;
    for (const match of section.matchAll(pattern)) {
      const [whole, command, kind, output] = match;
      examples.push({
        explanation: section.slice(previousEnd, match.index).trim(),
        command: command.trim(),
        expected: kind === 'json' ? { json: JSON.parse(output) } : { text: output.trim() },
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

/**
 * Runs one example's command with bash, pointed at `gatewayUrl` (in curl commands, and through
 * GATEWAY_URL for the CLI), and compares what it printed with what the example shows.
 */
export function runExample(example: Example, gatewayUrl: string, env: NodeJS.ProcessEnv = process.env): Outcome {
  const command = example.command.replaceAll(DEFAULT_GATEWAY, gatewayUrl);
  const result = spawnSync('bash', ['-c', command], { cwd: ROOT, env: { ...env, GATEWAY_URL: gatewayUrl }, encoding: 'utf8', timeout: 30_000 });
  const printed = `${result.stdout}${result.stderr}`.trim();
  const difference = compare(example.expected, result.stdout.trim() || result.stderr.trim());
  return { printed, matches: difference === undefined, difference };
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
  if (wantLines.length !== gotLines.length) return `expected ${wantLines.length} lines, got ${gotLines.length}:\n${printed}`;
  for (const [i, want] of wantLines.entries()) {
    if (!textLineMatches(want, gotLines[i])) return `line ${i + 1}: expected "${want}"\n        got "${gotLines[i]}"`;
  }
  return undefined;
}

// In a ```text block, "…" stands for anything (a time, a duration) within that line.
function textLineMatches(want: string, got: string): boolean {
  const pattern = want
    .trimEnd()
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(got.trimEnd());
}

// what differs from run to run: when an order was made, and measured latencies
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => {
    if (key === 'createdAt' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return '<a time>';
    if (key === 'latencyMs' && typeof v === 'number') return '<milliseconds>';
    return v;
  });
}
