// @ts-check
// Run by `npm install` and `npm ci` (package.json's postinstall): strips the types of every .ts
// file into protos/register.js's cache, so that the first `npm start` after an install is as quick
// as the next ones. A process that finds nothing kept loads sucrase and strips each file it loads
// first, about 0.4 s more CPU each for the four at once. A file edited later is stripped again as it
// loads. Whatever happens here, the install goes on: the processes strip what they need themselves.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** @param {string} folder @returns {Generator<string>} */
function* typeScriptFiles(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(file);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield file;
  }
}

try {
  const { javascriptOf, CACHE } = require('./register');
  fs.mkdirSync(CACHE, { recursive: true });
  fs.accessSync(CACHE, fs.constants.W_OK); // a read-only node_modules (a container's): nothing can be kept
  let count = 0;
  for (const file of typeScriptFiles(ROOT)) {
    javascriptOf(fs.readFileSync(file, 'utf8'), file);
    count += 1;
  }
  console.log(`protos/warm-cache.js: ${count} .ts files stripped of their types, ready for the first start`);
} catch (error) {
  console.log(
    `protos/warm-cache.js: nothing stripped ahead (${/** @type {Error} */ (error).message}); each process will as it starts`,
  );
}
