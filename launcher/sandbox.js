// @ts-check
// npm run sandbox -- <command>: controls the sandbox that `npm start` runs, from a second terminal.
//   npm run sandbox -- status                   each process: running or stopped, pid, port
//   npm run sandbox -- stop product-service     stop one (the others keep running)
//   npm run sandbox -- start product-service    start it again; it belongs to the sandbox, so
//                                               Ctrl-C of npm start stops it too
//   npm run sandbox -- restart order-service
//   npm run sandbox -- reset                    the sandbox npm start began: every service's seed
//                                               data, the settings, the TypeScript user-service
//   npm run sandbox -- use user-service go      user-service as the Go one (lesson 19); `ts` goes back
//   npm run sandbox -- scale product-service 2  two replicas of product-service (lesson 22); 1 goes back
// It finds the sandbox from GATEWAY_PORT (default 3000), as npm start does.
const { askSandbox } = require('./control');
const { PROCESSES, controlPath, portsFrom } = require('./services');

const USAGE = `usage: npm run sandbox -- <command>

  status                 each process of the running sandbox: running or stopped, pid, port
  stop <service>         stop one process; the others keep running
  start <service>        start it again (it belongs to the sandbox: Ctrl-C of npm start stops it)
  restart <service>
  reset                  as npm start began: user-, product- and order-service back to their
                         seed data (new users from id 4 again), no cached answers or traces,
                         the settings (auth, rate limit, cache, saga) and user-service as at
                         start; replicas stay, each with the seed data
  use user-service go    run the Go user-service (user-service-go/) in its place; \`ts\` goes back
  scale <service> <n>    run product-service (or user-service) as n replicas, calls spread over
                         them (lesson 22); \`scale product-service 1\` goes back

services: ${PROCESSES.map((p) => p.name).join(', ')}`;

async function main(/** @type {string[]} */ args) {
  const [command, name] = args;
  const gatewayPort = portsFrom(process.env)['api-gateway'];
  const socketPath = controlPath(gatewayPort);
  const ask = (/** @type {string} */ method, /** @type {string} */ path) =>
    askSandbox(socketPath, method, path).catch((/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
        throw new Error(
          `no sandbox is running for port ${gatewayPort} (nothing answers at ${socketPath}): start one with npm start`,
        );
      }
      throw error;
    });
  const done = (/** @type {{ status: number, body: any }} */ answer) => {
    if (answer.status !== 200) throw new Error(answer.body.error);
    console.log(`✔ ${answer.body.done}`);
  };

  switch (command) {
    case 'status': {
      const { body } = await ask('GET', '/status');
      console.log(`the sandbox of http://localhost:${gatewayPort} (launcher pid ${body.pid}):`);
      console.log(table(body.processes));
      return;
    }
    case 'stop':
    case 'start':
    case 'restart':
      if (!name) throw new Error(`which service? npm run sandbox -- ${command} <service>\n\n${USAGE}`);
      return done(await ask('POST', `/processes/${encodeURIComponent(name)}/${command}`));
    case 'reset':
      return done(await ask('POST', '/reset'));
    case 'use':
      if (!name || !args[2])
        throw new Error(`which service, and which implementation? npm run sandbox -- use user-service go\n\n${USAGE}`);
      return done(await ask('POST', `/processes/${encodeURIComponent(name)}/use/${encodeURIComponent(args[2])}`));
    case 'scale':
      if (!name || !args[2])
        throw new Error(
          `which service, and how many processes? npm run sandbox -- scale product-service 2\n\n${USAGE}`,
        );
      return done(await ask('POST', `/processes/${encodeURIComponent(name)}/scale/${encodeURIComponent(args[2])}`));
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

/** @param {import('./supervisor').Status[]} processes */
function table(processes) {
  const rows = processes.map((p) => [
    p.name,
    p.state,
    p.pid === null ? '-' : String(p.pid),
    String(p.port),
    p.lastExit && p.state === 'stopped' ? p.lastExit : '',
  ]);
  const all = [['process', 'state', 'pid', 'port', 'last ended'], ...rows];
  const widths = all[0].map((_, i) => Math.max(...all.map((row) => row[i].length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

main(process.argv.slice(2)).catch((/** @type {Error} */ error) => {
  console.error(`✘ ${error.message}`);
  process.exit(1);
});
