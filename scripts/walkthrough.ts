// The runnable examples of a markdown file: between `<!-- walkthrough: start -->` and
// `<!-- walkthrough: end -->`, each ```bash block and the ```json or ```text block after it,
// which shows what the command prints. README.md, the folders' READMEs and the tutorial's
// lessons are written this way; tests run them all (test/readme.test.ts, test/tutorial.test.ts)
// and `npm run tour` (scripts/tour.ts) runs the lessons for a person.
import { spawn } from 'node:child_process';
import { ROOT } from '../launcher/services';

export interface Example {
  explanation: string; // the prose just before the command
  command: string;
  expected: { json: unknown } | { text: string };
  // in a section marked `<!-- walkthrough: start, restarts services -->`: it stops or restarts a
  // service, so the data in that service's memory is lost; the tour runs it only when asked to
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

type Kind = 'user' | 'product' | 'order';
const KINDS: Kind[] = ['user', 'product', 'order'];

/**
 * The ids a run of the examples created, as the text shows them and as the sandbox gave them.
 * A lesson shows the ids of a fresh sandbox ("Grace Hopper" is user 4); on a sandbox that has been
 * used (the Postman collection, a student's experiments) she becomes user 17. The run then sends
 * 17 where the lesson says 4, and reads 17 back as 4 when it compares: so a lesson only ever
 * touches the records it created itself, and its ✔ and ✘ stay honest.
 */
export class CreatedIds {
  private readonly byKind = new Map<Kind, Map<string, string>>(KINDS.map((kind) => [kind, new Map()]));

  /** What the run created that still exists, for the tour to delete when the lesson is over. */
  created(): Array<{ kind: Kind; id: string }> {
    return KINDS.filter((kind) => kind !== 'order').flatMap((kind) =>
      [...(this.byKind.get(kind) as Map<string, string>).values()].map((id) => ({ kind, id })),
    );
  }

  forget(kind: Kind, id: string): void {
    const ids = this.byKind.get(kind) as Map<string, string>;
    for (const [shown, actual] of ids) if (actual === id) ids.delete(shown);
  }

  /** The command as it must be sent: the ids the text shows replaced by those the sandbox gave. */
  toSandbox(command: string): string {
    let result = command;
    for (const [kind, ids] of this.byKind) {
      for (const [shown, actual] of ids) {
        result = result
          .replace(new RegExp(`(/api/${kind}s/)${shown}(?!\\w)`, 'g'), `$1${actual}`)
          .replace(new RegExp(`("${kind}Id" ?: ?")${shown}"`, 'g'), `$1${actual}"`)
          .replace(new RegExp(`(--${kind} )${shown}(?!\\w)`, 'g'), `$1${actual}`)
          .replace(new RegExp(`(cli -- ${kind}s (?:get|delete) )${shown}(?!\\w)`, 'g'), `$1${actual}`)
          .replace(new RegExp(`(grpc -- ${kind}-service \\w+ '\\{"id": ?")${shown}"`, 'g'), `$1${actual}"`)
          // in a GraphQL query sent with curl: user(id: \"5\"), orders(userId: \"5\")
          .replace(new RegExp(`((?:\\b${kind}\\(id|\\b${kind}Id): \\\\")${shown}\\\\"`, 'g'), `$1${actual}\\"`);
      }
    }
    return result;
  }

  /** What was printed, with the sandbox's ids turned back into those the text shows. */
  toText(printed: string, command: string): string {
    const kind = kindOf(command);
    let json: unknown;
    try {
      json = JSON.parse(printed);
    } catch {
      json = undefined;
    }
    if (json !== undefined) {
      // an id is of the kind its object is: {"user": {"id"}, "orders": [{"id"}]} (GET /api/users/5/orders)
      const translate = (value: unknown, kind: Kind | undefined): unknown => {
        if (Array.isArray(value)) return value.map((item) => translate(item, kind));
        if (!value || typeof value !== 'object') return value;
        return Object.fromEntries(
          Object.entries(value).map(([key, inner]) => {
            const field = KINDS.find((k) => key === `${k}Id`);
            if (typeof inner === 'string' && key === 'id' && kind) return [key, this.shown(kind, inner)];
            if (typeof inner === 'string' && field) return [key, this.shown(field, inner)];
            return [key, translate(inner, KIND_OF_KEY[key] ?? kind)];
          }),
        );
      };
      return JSON.stringify(translate(json, kind));
    }
    // a table: the id is the first column; "Jane (2)" names a user or product by id
    return (
      printed
        .split('\n')
        .map((line) => (kind ? line.replace(/^(\S+)(?=\s)/, (id) => this.shown(kind, id)) : line))
        .map((line) =>
          line.replace(
            /\((\w+)\)/g,
            (_whole, id: string) => `(${this.shown('product', id, '') || this.shown('user', id)})`,
          ),
        )
        // a path in a trace: "GET /api/products/9"
        .map((line) =>
          line.replace(
            /\/api\/(user|product|order)s\/(\w+)/g,
            (_whole, kind: Kind, id: string) => `/api/${kind}s/${this.shown(kind, id)}`,
          ),
        )
        // a record named in words: "not enough stock of product 9", "order 12: 2 × Desk Clock" (an event)
        .map((line) =>
          line.replace(
            /\b(user|product|order) (\d+)\b/g,
            (_whole, kind: Kind, id: string) => `${kind} ${this.shown(kind, id)}`,
          ),
        )
        .join('\n')
    );
  }

  /** After a command ran: if it created a record, remember the id it got. */
  learn(example: Example, printed: string): void {
    const kind = createdKind(example.command);
    if (!kind) return;
    const [shown, actual] =
      'json' in example.expected
        ? [idOf(example.expected.json), idOf(tryJson(printed))]
        : [firstCell(example.expected.text), firstCell(printed)];
    if (shown && actual) (this.byKind.get(kind) as Map<string, string>).set(shown, actual);
  }

  private shown(kind: Kind, actual: string, otherwise = actual): string {
    for (const [shown, id] of this.byKind.get(kind) as Map<string, string>) if (id === actual) return shown;
    return otherwise;
  }
}

// the kind of the records under a key of an answer, in REST and GraphQL: "orders": [{"id": …}]
const KIND_OF_KEY: Record<string, Kind> = {
  user: 'user',
  users: 'user',
  createUser: 'user',
  product: 'product',
  products: 'product',
  createProduct: 'product',
  order: 'order',
  orders: 'order',
  createOrder: 'order',
};

// POST /api/users, or the CLI's "users create": the kind of record a command creates
function createdKind(command: string): Kind | undefined {
  const match =
    /-X POST \S*\/api\/(user|product|order)s(?![/\w])/.exec(command) ??
    /cli -- (user|product|order)s create/.exec(command);
  return match?.[1] as Kind | undefined;
}

// the kind of record a command reads or writes: /api/users/…, or the CLI's "users …"
function kindOf(command: string): Kind | undefined {
  return (/\/api\/(user|product|order)s/.exec(command) ??
    /cli -- (user|product|order)s/.exec(command) ??
    /grpc -- (user|product|order)-service/.exec(command))?.[1] as Kind | undefined;
}

function idOf(value: unknown): string | undefined {
  return value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// the first cell of a table's first row (after its header and rule)
function firstCell(table: string): string | undefined {
  return table.trim().split('\n')[2]?.split(/\s+/)[0];
}

/**
 * Runs one example's command with bash, pointed at `gatewayUrl` (in curl commands, and through
 * GATEWAY_URL for the CLI), and compares what it printed with what the example shows. With `ids`,
 * the ids the examples created are translated both ways (see CreatedIds).
 */
export async function runExample(
  example: Example,
  gatewayUrl: string,
  env: NodeJS.ProcessEnv = process.env,
  ids = new CreatedIds(),
): Promise<Outcome> {
  const command = ids.toSandbox(example.command).replaceAll(DEFAULT_GATEWAY, gatewayUrl);
  const result = await run(command, { ...env, GATEWAY_URL: gatewayUrl });
  const printed = `${result.stdout}${result.stderr}`.trim();
  // the gateway's address as the text shows it, whatever port this sandbox has
  const port = new URL(gatewayUrl).port;
  const shown = (result.stdout.trim() || result.stderr.trim())
    .replaceAll(gatewayUrl, DEFAULT_GATEWAY)
    .replaceAll(`http://localhost:${port}`, DEFAULT_GATEWAY);
  ids.learn(example, shown);
  const difference = compare(example.expected, ids.toText(shown, example.command));
  return { printed, matches: difference === undefined, difference };
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
