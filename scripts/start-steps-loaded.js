// @ts-check
// Preloaded by scripts/start-steps.ts: says when the process's main module has run, so every module
// it imports (and the contract they read) is loaded. The event loop's first turn comes after that.
setImmediate(() => process.stderr.write(`start-steps: loaded ${performance.now().toFixed(0)}\n`));
