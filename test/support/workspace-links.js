// @ts-check
// The sandbox's own packages are links: node_modules/@sandbox/protos → protos/, and so on. Node.js
// follows a link and loads a package from the folder it points to. Once, in one of eight fresh-clone
// CI runs, a test worker loaded @sandbox/protos under the link's own path instead. ts-node leaves
// files under node_modules/ untranslated, so Node.js read the TypeScript as an ES module, and every
// test file after that in the worker failed with "Cannot find module
// …/node_modules/@sandbox/protos/src/client". Why the link was not followed is not known yet. If it
// happens again, this stops the load at once and says what the file system showed then, and which
// module asked for the file. (.mocharc.js loads this in every worker, after ts-node.)
const fs = require('node:fs');
const Module = require('node:module');

/** @type {Record<string, (module: any, filename: string) => void>} */
const extensions = /** @type {any} */ (Module)._extensions;
const loadTypeScript = extensions['.ts'];
const THROUGH_LINK = /^(.*[\\/]node_modules[\\/]@sandbox[\\/][^\\/]+)[\\/]/;

extensions['.ts'] = (module, filename) => {
  const link = THROUGH_LINK.exec(filename)?.[1];
  if (link)
    throw new Error(
      `${filename} was reached through the link, not loaded from its folder: ${explain(link, filename, module)}`,
    );
  return loadTypeScript(module, filename);
};

/** What the file system and the module tree show now, for the error. */
function explain(/** @type {string} */ link, /** @type {string} */ filename, /** @type {any} */ module) {
  const attempt = (/** @type {() => string} */ read) => {
    try {
      return read();
    } catch (error) {
      return `(${/** @type {Error} */ (error).message})`;
    }
  };
  return [
    `${link} is ${attempt(() => (fs.lstatSync(link).isSymbolicLink() ? `a link to ${fs.readlinkSync(link)}` : 'not a link'))}`,
    `its real path is ${attempt(() => fs.realpathSync.native(filename))}`,
    `asked for by ${module.parent?.filename ?? 'an unknown module'}`,
    `worker ${process.pid}, ${Object.keys(require.cache).length} modules loaded`,
  ].join('; ');
}
