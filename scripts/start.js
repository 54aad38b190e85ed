// @ts-check
// npm start: runs the four processes with concurrently (output prefixed and coloured by service)
// and prints one line when all four answer. Ctrl-C stops all four.
// Plain JavaScript (type-checked by tsc through @ts-check), so the launcher starts in a tenth of a
// second and leaves the CPU to the four processes it starts.
const { concurrently } = require('concurrently');
const { NODE_ARGS, PROCESSES, ROOT, waitUntilReady } = require('./services');

const gatewayPort = process.env.GATEWAY_PORT ?? '3000';
const gatewayUrl = `http://localhost:${gatewayPort}`;
const started = performance.now();

const { result } = concurrently(
  PROCESSES.map((p) => ({
    name: p.name,
    // exec: node replaces the shell, so Ctrl-C reaches node itself and it can shut down cleanly
    command: `exec node ${NODE_ARGS.join(' ')} ${p.entry}`,
    prefixColor: p.color,
  })),
  { cwd: ROOT, prefix: 'name', padPrefix: true, killOthersOn: ['failure'] },
);

let finished = false;
result.then(
  () => process.exit(0),
  () => {
    finished = true;
    console.error('\nThe sandbox stopped because a process failed; its last lines above say why.');
    process.exit(1);
  },
);

waitUntilReady(gatewayUrl, 30_000, () => finished).then(
  () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\n✔ sandbox ready in ${seconds} s: ${gatewayUrl} (Ctrl-C stops it). Try the diagram's order:`);
    console.log(
      `  curl -X POST ${gatewayUrl}/api/orders -H 'Content-Type: application/json' -d '{"userId":"1","productId":"1","quantity":2}'\n`,
    );
  },
  (/** @type {Error} */ error) => {
    if (!finished) console.error(`\n✘ the sandbox is not ready: ${error.message}`);
  },
);
