// The Postman collection follows the tutorial: one folder per lesson that makes HTTP requests, in the
// lessons' order, each saying which lesson it is and what to look at. newman (Postman's command-line
// runner) runs it in test/tutorial.test.ts, first, on the sandbox the tour then uses: every request's
// own Postman tests must pass there (a run costs a few CPU-seconds: once is enough).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../launcher/services';
import { lessonFiles } from '../scripts/tour';
import { POSTMAN_REQUESTS } from './support/newman';

interface Item {
  name: string;
  description?: string;
  item?: Item[];
  request?: { method: string; url: { raw: string }; body?: { raw?: string } };
  event?: Array<{ listen: string; script: { exec: string[] } }>;
}
const collection = JSON.parse(fs.readFileSync(path.join(ROOT, 'postman/sandbox.postman_collection.json'), 'utf8')) as {
  info: { description: string };
  item: Item[];
};
const folders = collection.item;
const requests = folders.flatMap((folder) => folder.item ?? []);
const lessonNumber = (file: string) => Number(file.slice(0, 2));
const numberOf = (folder: Item) => Number(/^Lesson (\d+) · \S/.exec(folder.name)?.[1]);

// a lesson makes HTTP requests when one of its ```bash blocks runs curl (grpcurl is gRPC)
function hasCurlStep(file: string): boolean {
  const text = fs.readFileSync(path.join(ROOT, 'tutorial', file), 'utf8');
  return [...text.matchAll(/```bash\n([\s\S]*?)```/g)].some(([, block]) => /(?<![\w-])curl\b/.test(block));
}

describe('Postman collection', () => {
  describe('its folders follow the tutorial', () => {
    it('one folder per lesson, named "Lesson N · …", in the lessons\' order, each with its requests', () => {
      for (const folder of folders) {
        expect(folder.name, 'a folder').to.match(/^Lesson \d+ · \S/);
        expect(folder.item, folder.name).to.be.an('array').that.is.not.empty;
      }
      for (let i = 1; i < folders.length; i += 1) {
        const [before, after] = [folders[i - 1], folders[i]];
        expect(numberOf(after), `${after.name} after ${before.name}`).to.be.above(numberOf(before));
      }
      const lessons = lessonFiles().map(lessonNumber);
      expect(
        folders.filter((f) => !lessons.includes(numberOf(f))).map((f) => f.name),
        'no such lesson',
      ).to.deep.equal([]);
    });

    it('every lesson with a curl step has its folder', () => {
      const withCurl = lessonFiles().filter(hasCurlStep).map(lessonNumber);
      // a parser that found no curl step would let every folder go missing
      expect(withCurl, 'lessons with curl steps').to.include.members([1, 4, 5, 7, 8, 11, 22]);
      expect(withCurl.filter((n) => !folders.some((f) => numberOf(f) === n))).to.deep.equal([]);
    });

    it("each folder's description links its lesson's file and says what to look at", () => {
      for (const folder of folders) {
        const link = /\]\((tutorial\/(\d\d)-[\w-]+\.md)\)/.exec(folder.description ?? '');
        expect(link, `${folder.name}: a link to tutorial/NN-….md`).to.not.equal(null);
        const [whole, file, number] = link as RegExpExecArray;
        expect(fs.existsSync(path.join(ROOT, file)), `${folder.name} → ${file}`).to.equal(true);
        expect(Number(number), `${folder.name} → ${file}`).to.equal(numberOf(folder));
        expect((folder.description as string).replace(whole, ''), folder.name).to.match(/look at/i);
      }
    });

    it("the collection's description names the lessons that have no folder, and says why", () => {
      const without = lessonFiles()
        .map(lessonNumber)
        .filter((n) => !folders.some((f) => numberOf(f) === n));
      const sentence = collection.info.description.split(/(?<=\.)\s/).find((s) => s.includes('no folder')) ?? '';
      for (const n of without) expect(sentence, `lesson ${n}`).to.match(new RegExp(`\\b${n}\\b`));
      for (const n of without)
        expect(collection.info.description, `why lesson ${n} has none`).to.include(`Lesson ${n} `);
    });

    it("starts with what a first-time user needs: is everything up, then the diagram's order", () => {
      expect(numberOf(folders[0])).to.equal(1);
      const [first, ...rest] = folders[0].item as Item[];
      expect(`${first.request?.method} ${first.request?.url.raw}`).to.equal('GET {{baseUrl}}/health');
      const order = rest.find((r) => `${r.request?.method} ${r.request?.url.raw}` === 'POST {{baseUrl}}/api/orders');
      expect(JSON.parse(order?.request?.body?.raw ?? '{}')).to.deep.equal({ userId: '1', productId: '1', quantity: 2 });
    });

    it('every request has tests, and they check its status', () => {
      expect(requests).to.have.length(POSTMAN_REQUESTS); // test/tutorial.test.ts: newman runs every one
      for (const request of requests) {
        const tests = request.event?.find((e) => e.listen === 'test')?.script.exec.join('\n') ?? '';
        expect(tests, request.name).to.include('pm.response.to.have.status(');
      }
    });
  });
});
