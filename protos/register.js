// @ts-check
// How every process of the sandbox runs TypeScript directly, without a build step:
//   node --require ./protos/register.js user-service/src/index.ts
// It is ts-node in transpile-only mode: each .ts file becomes JavaScript as it is loaded, and the
// types are checked separately, by `npm test` (tsc --noEmit). The translating is done by swc
// (@swc/core, a compiler in native code) where it runs on this machine, otherwise by TypeScript's
// own compiler: the same JavaScript, but with swc a process starts in about half the time and
// uses less memory (npm run bench).
let swc = true;
try {
  require('@swc/core');
} catch {
  // no build of swc for this platform was installed: TypeScript's compiler does the same job
  swc = false;
}
require('ts-node').register({ transpileOnly: true, swc });
