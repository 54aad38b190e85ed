// @ts-check
// node --require ./protos/register.js some/file.ts: runs TypeScript by stripping its types as each
// .ts file loads (protos/strip-types.js). This is how npm start runs the four processes, and how
// the CLI, the scripts and the tests (.mocharc.js) run.
//
// Why not ts-node: even in transpile-only mode it loads TypeScript's compiler (about 50 MB and a
// third of a second) into every process that uses it. This hook keeps what it
// stripped in node_modules/.cache/sandbox-ts/, one file per version of a source file, so a process
// whose files have not changed since they were last run does not even load sucrase (another 10 MB
// each; BENCHMARKS.md: memory per process). A file you edit is stripped again when it next loads.
const Module = require('node:module');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// SANDBOX_TS_CACHE: another folder for it (the tests use one that cannot be written)
const CACHE = process.env.SANDBOX_TS_CACHE || path.join(__dirname, '..', 'node_modules', '.cache', 'sandbox-ts');
// what the stripped code depends on besides the source: how it is stripped, and by which sucrase
const STRIPPER = [
  fs.readFileSync(path.join(__dirname, 'strip-types.js'), 'utf8'),
  require('sucrase/package.json').version,
].join('\0');

/** @type {Record<string, (module: Module & { _compile(code: string, file: string): void }, file: string) => void>} */
const extensions = /** @type {any} */ (Module)._extensions;

extensions['.ts'] = (module, file) => {
  module._compile(javascriptOf(fs.readFileSync(file, 'utf8'), file), file);
};

/** The JavaScript of a .ts file: kept from an earlier run if the file has not changed since. */
function javascriptOf(/** @type {string} */ source, /** @type {string} */ file) {
  // the source alone, not its path: the exercises' copies of the repository share what was stripped
  const key = crypto.createHash('sha1').update(STRIPPER).update('\0').update(source);
  const kept = path.join(CACHE, `${key.digest('hex')}.js`);
  try {
    return fs.readFileSync(kept, 'utf8');
  } catch {
    // not kept yet: strip it now, and keep it if the folder can be written (a container's may not)
  }
  const code = require('./strip-types').stripTypes(source, file).code;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    const partial = `${kept}.${process.pid}`; // processes starting together may strip the same file
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, kept);
  } catch {
    // the code runs all the same; it is stripped again next time
  }
  return code;
}

// protos/warm-cache.js (npm install) strips every file ahead of the first start
module.exports = { javascriptOf, CACHE };
