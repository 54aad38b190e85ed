// @ts-check
// How our TypeScript becomes JavaScript as it loads: the types are stripped, nothing else changes.
// Checking the types is `npm test`'s job (tsc --noEmit). Sucrase does it in plain JavaScript and
// keeps every line where it was, so a stack trace points at the line in the .ts file.
// protos/register.js uses it for every .ts file that loads: the sandbox's processes, the CLI, the
// scripts and the tests.
const { transform } = require('sucrase');

/**
 * The JavaScript of a .ts file: its types stripped, its imports turned into require().
 * Lines stay where they were, so no source map is needed.
 * @param {string} source
 * @param {string} fileName
 */
function stripTypes(source, fileName) {
  return transform(source, {
    transforms: ['typescript', 'imports'],
    // The .ts files target ES2022 (tsconfig.base.json): class fields, ?. and ?? stay as written.
    disableESTransforms: true,
    filePath: fileName,
  });
}

module.exports = { stripTypes };
