// @ts-check
// How ts-node turns our TypeScript into JavaScript as it loads (set in tsconfig.base.json, "ts-node"):
// ts-node runs the tests; the sandbox's processes, the CLI and the scripts load through the lighter
// protos/register.js. Both strip the types the same way (protos/strip-types.js).
//
// By default ts-node strips them with TypeScript's own compiler, which each process first has to
// load and warm up. Plain .js files (the @ts-check scripts) are CommonJS already and pass through
// unchanged.
const { stripTypes } = require('./strip-types');

/** @type {import('ts-node').TranspilerModule['create']} */
exports.create = () => ({
  transpile(input, { fileName }) {
    if (!/\.[cm]?ts$/.test(fileName)) return { outputText: input, sourceMapText: JSON.stringify(emptyMap(fileName)) };
    const { code, sourceMap } = stripTypes(input, fileName, { sourceMap: true });
    return { outputText: code, sourceMapText: JSON.stringify(sourceMap) };
  },
});

/** @param {string} fileName */
function emptyMap(fileName) {
  return { version: 3, file: fileName, sources: [fileName], names: [], mappings: '' };
}
