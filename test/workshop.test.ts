// WORKSHOP.md is the instructor's plan for a three-hour class. What it promises is checked here:
// each module names lessons that exist and exercises the catalog has, in the module of their lesson;
// a module's minutes add up, the plan fits in three hours, and every lesson is either in a module or
// on the self-study path; the measurements add up by the method the page states; and every
// checkpoint prints what the page shows, run against a sandbox after the reset it starts with.
// Its links are checked with every other page's (test/docs-links.test.ts).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../launcher/services';
import { EXERCISES } from '../exercises/catalog';
import { lessonFiles } from '../scripts/tour';
import { examplesOf, run, runExample } from '../scripts/walkthrough';
import { request } from './support/http';
import { useSandbox } from './support/sandbox';
import { npmScript } from './support/scripts';

const FILE = path.join(ROOT, 'WORKSHOP.md');
const read = () => fs.readFileSync(FILE, 'utf8');

interface Module {
  number: number;
  title: string;
  text: string;
  minutes: number;
  parts: { introduction: number; lessons: number; exercise: number; checkpoint: number };
  lessons: Array<{ number: number; file: string; minutes: number }>;
  exercise: { name: string; minutes: number };
  fastFinishers: string[];
}

/** The text under a `## heading`, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `WORKSHOP.md has a section "## ${heading}"`).to.be.greaterThan(-1);
  const rest = markdown.slice(start + heading.length + 5);
  return rest.split(/\n## /)[0];
}

function modulesOf(markdown: string): Module[] {
  const headings = [...markdown.matchAll(/^## Module (\d+) · (.+)$/gm)];
  return headings.map(([heading, number, title]) => {
    const text = section(markdown, heading.slice(3));
    const parts =
      /\*\*(\d+) minutes\*\*: introduction (\d+) · lessons (\d+) · exercise (\d+) · checkpoint (\d+)\./.exec(text);
    expect(parts, `module ${number} says its minutes and what they are made of`).to.not.equal(null);
    const [, minutes, introduction, lessons, exercise, checkpoint] = (parts as RegExpExecArray).map(Number);
    const exerciseRow = /^\| exercise \| `npm run exercise -- start ([\w-]+)` \| (\d+) \|$/m.exec(text);
    expect(exerciseRow, `module ${number} has an exercise`).to.not.equal(null);
    return {
      number: Number(number),
      title,
      text,
      minutes,
      parts: { introduction, lessons, exercise, checkpoint },
      lessons: [...text.matchAll(/^\| lesson \| \[(\d+) · [^\]]+\]\((tutorial\/[\w.-]+)\) \| (\d+) \|$/gm)].map(
        ([, n, file, m]) => ({ number: Number(n), file, minutes: Number(m) }),
      ),
      exercise: { name: (exerciseRow as RegExpExecArray)[1], minutes: Number((exerciseRow as RegExpExecArray)[2]) },
      fastFinishers: [...(/^Fast finishers: (.*)$/m.exec(text)?.[1] ?? '').matchAll(/`([\w-]+)`/g)].map((m) => m[1]),
    };
  });
}

/** The rows of the first Markdown table in `text`, as cells, without its header and rule. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const lessonNumber = (file: string) => Number(file.slice(0, 2));

describe('WORKSHOP.md', () => {
  it('exists, for the instructor', () => {
    expect(fs.existsSync(FILE)).to.equal(true);
    expect(read()).to.match(/^# Workshop/);
  });

  describe('its modules', () => {
    it('are four, numbered in order', () => {
      expect(modulesOf(read()).map((m) => m.number)).to.deep.equal([1, 2, 3, 4]);
    });

    it("each add up: introduction + lessons + exercise + checkpoint, and the lessons' own minutes", () => {
      for (const m of modulesOf(read())) {
        const { introduction, lessons, exercise, checkpoint } = m.parts;
        expect(introduction + lessons + exercise + checkpoint, `module ${m.number}`).to.equal(m.minutes);
        expect(
          m.lessons.reduce((sum, l) => sum + l.minutes, 0),
          `module ${m.number}'s lessons`,
        ).to.equal(lessons);
        expect(m.exercise.minutes, `module ${m.number}'s exercise`).to.equal(exercise);
      }
    });

    it('name lessons that are tutorial files, in order, each in one module only', () => {
      const files = lessonFiles();
      const seen: number[] = [];
      for (const m of modulesOf(read())) {
        expect(m.lessons, `module ${m.number} has lessons`).to.not.be.empty;
        for (const lesson of m.lessons) {
          expect(fs.existsSync(path.join(ROOT, lesson.file)), lesson.file).to.equal(true);
          expect(files.map((f) => `tutorial/${f}`)).to.include(lesson.file);
          expect(lessonNumber(path.basename(lesson.file)), lesson.file).to.equal(lesson.number);
          seen.push(lesson.number);
        }
      }
      expect(seen, 'lessons in order, none twice').to.deep.equal([...new Set(seen)].sort((a, b) => a - b));
    });

    it('name exercises the catalog has, each in the module of the lesson that explains it', () => {
      for (const m of modulesOf(read())) {
        for (const name of [m.exercise.name, ...m.fastFinishers]) {
          const exercise = EXERCISES.find((e) => e.name === name);
          expect(exercise, `exercise ${name} (module ${m.number}) is in exercises/catalog.ts`).to.not.equal(undefined);
          expect(
            m.lessons.map((l) => l.number),
            `${name} is explained by lesson ${exercise?.lesson}`,
          ).to.include(exercise?.lesson);
        }
      }
    });

    it('each have one checkpoint: a reset, then commands, each followed by its answer', () => {
      for (const m of modulesOf(read())) {
        const checkpoints = m.text.split(/^### Checkpoint \d+$/m).slice(1);
        expect(checkpoints, `module ${m.number}`).to.have.length(1);
        const examples = examplesOf(checkpoints[0].split(/^### /m)[0]);
        expect(examples.length, `module ${m.number}: a reset and at least one command`).to.be.at.least(2);
        expect(examples[0].command).to.equal('npm run -s sandbox -- reset');
        expect(m.text, `module ${m.number} says what to skip when behind`).to.match(/^### When behind$/m);
      }
    });
  });

  it('fits in three hours: the plan adds up, starts where the row before ends, and gives each module its minutes', () => {
    const markdown = read();
    const rows = tableRows(section(markdown, 'The plan'));
    let clock = 0;
    for (const [starts, what, minutes] of rows) {
      const [h, mm] = starts.split(':').map(Number);
      expect(h * 60 + mm, `"${what}" starts at ${starts}`).to.equal(clock);
      clock += Number(minutes);
      const module = /Module (\d+)/.exec(what);
      if (module) {
        const m = modulesOf(markdown).find((x) => x.number === Number(module[1]));
        expect(Number(minutes), `the plan's minutes for module ${module[1]}`).to.equal(m?.minutes);
      }
    }
    expect(rows.filter(([, what]) => /Module \d/.test(what))).to.have.length(4);
    expect(clock, 'minutes in all').to.be.at.most(180);
  });

  it('puts every lesson in a module or on the self-study path, in order, with the same minutes everywhere, tutorial/README.md included', () => {
    const markdown = read();
    const inModules = modulesOf(markdown).flatMap((m) => m.lessons);
    const selfStudy = tableRows(section(markdown, 'Self-study path')).map(([lesson, minutes]) => {
      const [, n, file] = /^\[(\d+) · [^\]]+\]\((tutorial\/[\w.-]+)\)$/.exec(lesson) ?? [];
      expect(fs.existsSync(path.join(ROOT, file)), lesson).to.equal(true);
      return { number: Number(n), minutes: Number(minutes) };
    });
    const selfStudyNumbers = selfStudy.map((l) => l.number);
    expect(selfStudyNumbers).to.deep.equal([...selfStudyNumbers].sort((a, b) => a - b));
    const all = [...inModules.map((l) => l.number), ...selfStudyNumbers].sort((a, b) => a - b);
    expect(all).to.deep.equal(lessonFiles().map(lessonNumber));

    // the same minutes in the modules, the self-study path, the prerequisites and the measurements
    const prerequisites = new Map(
      tableRows(section(markdown, 'Prerequisites per lesson')).map(([n, , minutes]) => [
        Number(n),
        Number(minutes.split(' ')[0]),
      ]),
    );
    const measured = new Map(
      tableRows(section(markdown, 'The measurements')).map(([n, , , , , , lesson]) => [
        Number(n),
        Number(lesson.split(' ')[0]),
      ]),
    );
    expect([...prerequisites.keys()]).to.deep.equal(lessonFiles().map(lessonNumber));
    // and in the tutorial's own table of lessons
    const tutorial = new Map(
      [
        ...fs
          .readFileSync(path.join(ROOT, 'tutorial', 'README.md'), 'utf8')
          .matchAll(/^\| \[(\d+)\..*\| (\d+) min \|$/gm),
      ].map(([, n, minutes]) => [Number(n), Number(minutes)]),
    );
    for (const { number, minutes } of [...inModules, ...selfStudy]) {
      expect(prerequisites.get(number), `lesson ${number}'s prerequisites row`).to.equal(minutes);
      expect(measured.get(number), `lesson ${number}'s measurement row`).to.equal(minutes);
      expect(tutorial.get(number), `lesson ${number} in tutorial/README.md`).to.equal(minutes);
    }
  });

  it('measures each lesson as it says: reading at 200 words a minute, 5 s a command line, plus machine time', () => {
    for (const [n, words, reading, lines, typing, machine, lesson] of tableRows(section(read(), 'The measurements'))) {
      const seconds = (Number(words) / 200) * 60 + Number(lines) * 5 + parseFloat(machine);
      expect(parseFloat(reading), `lesson ${n}'s reading`).to.be.closeTo(Number(words) / 200, 0.051);
      expect(parseFloat(typing), `lesson ${n}'s typing`).to.equal(Number(lines) * 5);
      expect(parseFloat(lesson), `lesson ${n}'s minutes`).to.equal(Math.ceil(seconds / 60));
    }
  });

  it('names only exercises the catalog has, wherever it names one', () => {
    const names = [...read().matchAll(/npm run exercise -- (?:start|check|hint|solution|reset) ([\w-]+)/g)].map(
      (m) => m[1],
    ); // `<name>`, which stands for any, is not matched
    expect(names).to.not.be.empty;
    for (const name of names)
      expect(
        EXERCISES.map((e) => e.name),
        name,
      ).to.include(name);
  });

  describe('its checkpoints, run as the room runs them', function () {
    this.timeout(120_000);
    const shared = useSandbox();

    // a checkpoint that failed half-way must not leave the shared sandbox's settings on
    after(async () => {
      if (!shared.sandbox) return;
      await request(shared.sandbox.url, 'PATCH', '/lab/settings', { rateLimit: 'off', cacheTtlMs: 0, saga: 'off' });
      await run(`${npmScript('cli')} logout`, { ...shared.sandbox.env, GATEWAY_URL: shared.sandbox.url });
    });

    for (const module of fs.existsSync(FILE) ? modulesOf(read()) : []) {
      it(`module ${module.number} · ${module.title}: each command prints what the checkpoint shows`, async () => {
        const checkpoint = module.text.split(/^### Checkpoint \d+$/m)[1].split(/^### /m)[0];
        for (const example of examplesOf(checkpoint)) {
          const outcome = await runExample(example, shared.sandbox.url, shared.sandbox.env);
          expect(outcome.matches, `${example.command}\n${outcome.difference}`).to.equal(true);
        }
      });
    }
  });
});
