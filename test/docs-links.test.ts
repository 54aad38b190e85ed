// The docs send readers to files: every relative link in the READMEs, DIAGRAM.md and the
// tutorial, and every `src/…` path a folder's README lists, must exist.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../launcher/services';

const FOLDERS = ['protos', 'lab', 'user-service', 'product-service', 'order-service', 'api-gateway', 'k8s', 'tutorial'];
const DOCS = [
  ...new Set([
    'README.md',
    'DIAGRAM.md',
    'BENCHMARKS.md',
    ...FOLDERS.map((f) => `${f}/README.md`),
    ...fs
      .readdirSync(path.join(ROOT, 'tutorial'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `tutorial/${f}`),
  ]),
];

describe("the docs' links", () => {
  for (const doc of DOCS.filter((d) => fs.existsSync(path.join(ROOT, d)))) {
    it(`${doc}: every relative link and listed path exists`, () => {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      const folder = path.dirname(path.join(ROOT, doc));
      const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
        .map((m) => m[1])
        .filter((link) => !/^[a-z]+:/.test(link));
      // in a folder's README, the table's `src/…` paths are the folder's files
      const listed = doc.endsWith('/README.md') ? [...text.matchAll(/`(src\/[\w./-]+)`/g)].map((m) => m[1]) : [];
      for (const target of [...links, ...listed])
        expect(fs.existsSync(path.join(folder, target)), `${doc} → ${target}`).to.equal(true);
    });
  }
});
