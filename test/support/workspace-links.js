// @ts-check
// The sandbox's own packages are links: node_modules/@sandbox/protos → protos/, and so on. Node.js
// follows a link and loads a package from the folder it points to. In about one run of npm test in
// ten (here and in fresh-clone CI), one test worker has instead loaded a package under the link's
// own path, with the link in place: ts-node, which then ran the tests, left files under node_modules/
// untranslated, so Node.js read the TypeScript as an ES module, and every test file after that in the
// worker failed with "Cannot find module …/node_modules/@sandbox/protos/src/client". Why is not known
// yet; loaded through the link, a package would now be a second copy of itself. This file
// (.mocharc.js loads it in every worker, after protos/register.js) says it at once: the first lookup of the
// module loader whose answer goes through a link, with its stack; and a load through a link is
// refused, naming the module that asked.
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
    `asked for by ${module?.parent?.filename ?? 'a module not known here'}`,
    `worker ${process.pid}, ${Object.keys(require.cache).length} modules loaded`,
  ].join('; ');
}

// The module loader finds real paths through fs.realpathSync, with a cache of its own (the symbol-keyed
// option). The first lookup whose answer still goes through one of our links is written to standard
// error with its stack: that is where the link stopped being followed.
const realpathSync = fs.realpathSync;
let told = false;
fs.realpathSync = Object.assign(
  /** @type {typeof fs.realpathSync} */ (
    /** @type {unknown} */ (
      (/** @type {fs.PathLike} */ target, /** @type {any} */ options) => {
        const real = realpathSync(target, options);
        const fromLoader =
          typeof options === 'object' && options !== null && Object.getOwnPropertySymbols(options).length > 0;
        const link = fromLoader && !told ? THROUGH_LINK.exec(`${real}/`)?.[1] : undefined;
        if (link) {
          told = true;
          Error.stackTraceLimit = 40; // the module that asked is below a dozen frames of the loader's own
          process.stderr.write(
            `\n(test/support/workspace-links.js) the module loader found ${String(target)} at ${real}: ${explain(link, String(real), undefined)}\n${new Error('the lookup').stack}\n`,
          );
        }
        return real;
      }
    )
  ),
  { native: realpathSync.native },
);
