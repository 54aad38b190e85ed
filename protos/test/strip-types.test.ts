import { expect } from 'chai';
import vm from 'node:vm';
import { stripTypes } from '../strip-types';

// What every .ts file goes through as it loads (protos/register.js): the processes, the CLI, the
// scripts and these tests.
describe('stripping the types (sucrase)', () => {
  function run(source: string, fileName = '/sandbox/example.ts'): Record<string, unknown> {
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(stripTypes(source, fileName).code, { module, exports: module.exports, require });
    return module.exports;
  }

  it('strips the types, keeps parameter properties and class fields, and turns imports into require', () => {
    const exported = run(`
      import { strict as assert } from 'node:assert';
      import type { Server } from 'node:http';
      export class Trace {
        readonly spans: string[] = [];
        constructor(readonly service: string, private server?: Server) {}
        add(span: string): number { assert.ok(span); return this.spans.push(\`\${this.service}:\${span}\`); }
      }
    `);
    const Trace = exported.Trace as new (service: string) => { spans: string[]; add(span: string): number };
    const trace = new Trace('order-service');
    trace.add('GetUser');
    expect(trace.spans).to.deep.equal(['order-service:GetUser']);
  });

  it('keeps every line where it was, so stack traces point at the .ts line', () => {
    const source = [
      'const a: number = 1;',
      'type T = { b: string };',
      '',
      'export function fail(): never {',
      "  throw new Error('line 5');",
      '}',
    ].join('\n');
    const { code } = stripTypes(source, '/sandbox/lines.ts');
    const line = code.split('\n').findIndex((l) => l.includes("throw new Error('line 5')"));
    expect(line + 1).to.equal(5);
  });
});
