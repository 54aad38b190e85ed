// DIAGRAM.md's table sends readers to a file and a function for each box and step: they must exist,
// and each numbered step must be marked in the code with a `DIAGRAM step N` comment. The files of
// steps 1 to 9 hold the diagram's code only: each later chapter is a folder of its own.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const diagram = fs.readFileSync(path.join(ROOT, 'DIAGRAM.md'), 'utf8');
const table = diagram.split('<!-- diagram-map: start -->')[1].split('<!-- diagram-map: end -->')[0];
const rows = table
  .split('\n')
  .filter((line) => line.startsWith('|') && !line.startsWith('|---') && !line.includes('| on the diagram |'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('DIAGRAM.md', () => {
  it('draws the create-order flow in Mermaid with every numbered step, 3a and 3b in parallel', () => {
    const sequence = diagram.match(/```mermaid\nsequenceDiagram\n([\s\S]*?)```/)?.[1] ?? '';
    for (const step of ['1', '2', '3a', '3b', '4a', '4b', '5', '6', '7', '8', '9'])
      expect(sequence, `step ${step}`).to.match(new RegExp(`: ${step}\\. `));
    expect(sequence).to.match(/par [^\n]*\n\s+O->>U: 3a[\s\S]*\n\s+and\n\s+O->>P: 3b/);
  });

  it('maps every numbered step of the create-order flow', () => {
    const steps = rows.map(([what]) => what.match(/^(\d[ab]?)\./)?.[1]).filter(Boolean);
    expect(steps).to.deep.equal(['1', '2', '3a', '3b', '4a', '4b', '5', '6', '7', '8', '9']);
  });

  for (const [what, files, fn] of rows) {
    it(`"${what}" → ${files} ${fn}`, () => {
      const paths = [...files.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect(paths).to.not.be.empty;
      for (const file of paths) expect(fs.existsSync(path.join(ROOT, file)), `${file} exists`).to.equal(true);
      const name = fn.replaceAll('`', '');
      if (!name) return;
      const source = fs.readFileSync(path.join(ROOT, paths[0]), 'utf8');
      const defined = new RegExp(`\\b(function|class)\\s+${name}\\b|^\\s*(async\\s+)?${name}\\s*\\(`, 'm');
      expect(defined.test(source), `${paths[0]} defines ${name}`).to.equal(true);
    });
  }

  describe("the order's path, every switch off: the files the table names for steps 1 to 9", () => {
    const files = new Set(
      rows
        .filter(([what]) => /^\d[ab]?\./.test(what))
        .flatMap(([, files]) => [...files.matchAll(/`([^`]+)`/g)].map((m) => m[1])),
    );

    it("is at most 8 files, none of them the lab's", () => {
      expect(files.size).to.be.at.most(8);
      for (const file of files) expect(file).to.not.match(/^lab\//);
    });

    for (const file of files) {
      it(`${file} has no word of the chapters beside the diagram (the lab, replicas, the saga, stock, events)`, () => {
        const allowed = ALLOWED[file]?.words ?? [];
        const found = chapterWords(fs.readFileSync(path.join(ROOT, file), 'utf8')).filter(
          ({ word }) => !allowed.includes(word),
        );
        expect(
          found.map(({ line, word }) => `line ${line}: ${word}`),
          file,
        ).to.deep.equal([]);
      });
    }
  });

  it("each of the services' chapters is a folder named for it, with a README.md that gives its lesson and where it plugs in", () => {
    const folders = new Set(
      rows.flatMap(([, files]) =>
        [...files.matchAll(/`((?:user|product|order)-service\/src\/[\w-]+)\/[^`]+`/g)].map((m) => m[1]),
      ),
    );
    expect([...folders].sort()).to.deep.equal([
      'order-service/src/events',
      'order-service/src/saga',
      'product-service/src/stock',
    ]);
    for (const folder of folders) {
      const readme = fs.readFileSync(path.join(ROOT, folder, 'README.md'), 'utf8');
      expect(readme, `${folder}/README.md`).to.match(/lesson \d+/);
      expect(readme, `${folder}/README.md`).to.include('src/index.ts');
    }
  });

  it('every step the table names is marked `DIAGRAM step` in the file it points to', () => {
    for (const [what, files] of rows) {
      const step = what.match(/^(\d[ab]?)\./)?.[1];
      if (!step) continue;
      const file = [...files.matchAll(/`([^`]+)`/g)][0][1];
      expect(markedSteps(fs.readFileSync(path.join(ROOT, file), 'utf8')), `${file} marks step ${step}`).to.include(
        step,
      );
    }
  });
});

// The words that name the chapters beside the diagram: the lab (lab/: traces, faults, spans), the
// replicas (lesson 22), the saga and its stock and payment (lessons 16–17), the events (lesson 18).
const CHAPTER_WORDS = [
  'lab',
  'trace',
  'traces',
  'tracing',
  'span',
  'spans',
  'fault',
  'faults',
  'replica',
  'replicas',
  'saga',
  'sagas',
  'compensation',
  'payment',
  'payments',
  'stock',
  'reserve',
  'reservation',
  'lease',
  'event',
  'events',
  'choreography',
];

// A file on the path may hold a chapter's word for a reason of its own, said here:
const ALLOWED: Record<string, { words: string[]; why: string }> = {
  'product-service/src/handlers.ts': {
    words: ['stock'],
    why: "the contract's Product has a stock field (protos/product.proto): CreateProduct and UpdateProduct take it as they take a price",
  },
  'api-gateway/src/routing/orders.ts': {
    words: ['stock'],
    why: "its router also serves lesson 17's cancel, whose comment says what a cancel gives back",
  },
};

/** The chapters' words in `source`, with their lines; identifiers count word by word (stockKey, withLab, EventLog). */
function chapterWords(source: string): Array<{ line: number; word: string }> {
  return source.split('\n').flatMap((text, index) =>
    (
      text
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .match(/[a-z]+/g) ?? []
    )
      .filter((word) => CHAPTER_WORDS.includes(word))
      .map((word) => ({ line: index + 1, word })),
  );
}

/** The steps a file marks: "DIAGRAM step 5", "DIAGRAM steps 3a/3b", "DIAGRAM steps 8–9". */
function markedSteps(source: string): string[] {
  const steps: string[] = [];
  for (const [, list] of source.matchAll(/DIAGRAM steps? ([\dab/–-]+)/g)) {
    for (const part of list.split('/')) {
      const range = part.match(/^(\d)[–-](\d)$/);
      if (!range) steps.push(part);
      else for (let n = Number(range[1]); n <= Number(range[2]); n++) steps.push(String(n));
    }
  }
  return steps;
}
