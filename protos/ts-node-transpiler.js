// @ts-check
// How ts-node turns our TypeScript into JavaScript as it loads (set in tsconfig.base.json, "ts-node").
//
// ts-node in transpile-only mode only strips the types; checking them is `npm test`'s job
// (tsc --noEmit). By default it strips them with TypeScript's own compiler, which each process
// first has to load and warm up: about half of a service's start-up. Sucrase does the same job in
// plain JavaScript, several times faster, and keeps every line where it was, so a stack trace points
// at the line in the .ts file. Plain .js files (the @ts-check scripts) are CommonJS already and
// pass through unchanged.
const { transform } = require('sucrase');

/** @type {import('ts-node').TranspilerModule['create']} */
exports.create = () => ({
  transpile(input, { fileName }) {
    if (!/\.[cm]?ts$/.test(fileName)) return { outputText: input, sourceMapText: JSON.stringify(emptyMap(fileName)) };
    const { code, sourceMap } = transform(input, {
      transforms: ['typescript', 'imports'],
      // The .ts files target ES2022 (tsconfig.base.json): class fields, ?. and ?? stay as written.
      disableESTransforms: true,
      filePath: fileName,
      sourceMapOptions: { compiledFilename: fileName },
    });
    return { outputText: code, sourceMapText: JSON.stringify(sourceMap) };
  },
});

/** @param {string} fileName */
function emptyMap(fileName) {
  return { version: 3, file: fileName, sources: [fileName], names: [], mappings: '' };
}
