// @ts-check
// How our TypeScript becomes JavaScript as it loads: the types are stripped, nothing else changes.
// Checking the types is `npm test`'s job (tsc --noEmit). Sucrase does it in plain JavaScript and
// keeps every line where it was, so a stack trace points at the line in the .ts file.
// Two loaders use it: protos/register.js (the sandbox's processes, the CLI and the scripts) and
// protos/ts-node-transpiler.js (ts-node, which runs the tests).
const { transform } = require('sucrase');

/**
 * The JavaScript of a .ts file: its types stripped, its imports turned into require().
 * Lines stay where they were, so a source map is made only when asked for (ts-node wants one).
 * @param {string} source
 * @param {string} fileName
 * @param {{ sourceMap?: boolean }} [options]
 */
function stripTypes(source, fileName, { sourceMap = false } = {}) {
  return transform(source, {
    transforms: ['typescript', 'imports'],
    // The .ts files target ES2022 (tsconfig.base.json): class fields, ?. and ?? stay as written.
    disableESTransforms: true,
    filePath: fileName,
    ...(sourceMap ? { sourceMapOptions: { compiledFilename: fileName } } : {}),
  });
}

module.exports = { stripTypes };
