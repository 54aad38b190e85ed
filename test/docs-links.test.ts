// The docs send readers to files: every relative link in the top-level pages (README.md,
// DIAGRAM.md…), docs/, the folders' READMEs and the tutorial, and every `src/…` path a folder's
// README lists, must exist; a link to a heading of a Markdown page (page.md#heading) must find it.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../launcher/services';

const FOLDERS = ['protos', 'lab', 'user-service', 'product-service', 'order-service', 'api-gateway', 'k8s', 'tutorial'];
const markdownIn = (folder: string) =>
  fs
    .readdirSync(path.join(ROOT, folder))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.posix.join(folder, f));
const DOCS = [
  ...new Set([
    ...markdownIn('.'),
    ...markdownIn('docs'),
    ...FOLDERS.map((f) => `${f}/README.md`),
    ...markdownIn('tutorial'),
  ]),
];

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of prose.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe("the docs' links", () => {
  for (const doc of DOCS.filter((d) => fs.existsSync(path.join(ROOT, d)))) {
    it(`${doc}: every relative link and listed path exists`, () => {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      const folder = path.dirname(path.join(ROOT, doc));
      const found = [...text.matchAll(/\]\(([^)#\s]+)(?:#([^)\s]*))?\)/g)].filter(([, link]) => !/^[a-z]+:/.test(link));
      const links = found.map((m) => m[1]);
      // in a folder's README, the table's `src/…` paths are the folder's files
      const listed = doc.endsWith('/README.md') ? [...text.matchAll(/`(src\/[\w./-]+)`/g)].map((m) => m[1]) : [];
      for (const target of [...links, ...listed])
        expect(fs.existsSync(path.join(folder, target)), `${doc} → ${target}`).to.equal(true);
      for (const [, target, anchor] of found.filter(([, link, anchor]) => anchor && link.endsWith('.md'))) {
        const anchors = anchorsOf(fs.readFileSync(path.join(folder, target), 'utf8'));
        expect([...anchors], `${doc} → ${target}#${anchor}`).to.include(anchor);
      }
      const ownAnchors = anchorsOf(text);
      for (const [, anchor] of text.matchAll(/\]\(#([^)\s]+)\)/g))
        expect([...ownAnchors], `${doc} → #${anchor}`).to.include(anchor);
    });
  }
});
