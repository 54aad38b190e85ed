// @ts-check
// Free ports: for replicas (npm run sandbox -- scale, lesson 22), and for the tests, which start
// many sandboxes at once, in several processes.
//
// Asked to listen on port 0, the system picks a free port at random among about 14 000. But a port
// is free only until someone listens on it, and a service listens on its port a second or so after
// the port was picked. Two sandboxes starting at the same time were given the same port now and then:
// the second service to listen on it ended with EADDRINUSE, and its sandbox's gateway called the
// other sandbox's service. So each port given here is also claimed, by a file named after it in the
// system's temporary folder, for as long as the process that asked for it lives. No process that
// asks here is given a port claimed by a process still alive, itself included.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const CLAIMS = path.join(os.tmpdir(), 'grpc-sandbox-ports');

/** @type {Set<string>} this process's claims, let go when it ends */
const claimed = new Set();

/** A TCP port nothing listens on now, chosen by the system, and claimed for this process. @returns {Promise<number>} */
async function freePort() {
  for (let attempt = 1; ; attempt++) {
    const port = await unusedPort();
    // after many claimed ports in a row, the system's choice alone (never seen: 14 000 ports)
    if (claimPort(port) || attempt === 100) return port;
  }
}

/** A port nothing listens on now: the system's choice. @returns {Promise<number>} */
function unusedPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Claims `port` for this process: false if a process still alive claimed it first. The claim of a
 * process that has ended without letting go (kill -9) is taken over. Where no claim can be written
 * (a temporary folder of another user's, read-only), true: the system's choice alone, as before.
 * @param {number} port
 */
function claimPort(port, tries = 3) {
  const file = path.join(CLAIMS, String(port));
  try {
    fs.mkdirSync(CLAIMS, { recursive: true });
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' }); // wx: only if no claim exists
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') return true;
    if (tries === 1) return false;
    const owner = ownerOf(file); // null: let go meanwhile; '': a claim being written this instant
    if (owner === '' || (owner !== null && isAlive(Number(owner)))) return false;
    if (owner !== null) fs.rmSync(file, { force: true });
    return claimPort(port, tries - 1);
  }
  if (claimed.size === 0) {
    process.once('exit', letGo);
    sweep();
  }
  claimed.add(file);
  return true;
}

/** @returns {string | null} */
function ownerOf(/** @type {string} */ file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Removes the claims of processes that have ended without letting go, so that they do not pile up. */
function sweep() {
  for (const name of fs.readdirSync(CLAIMS)) {
    const owner = ownerOf(path.join(CLAIMS, name));
    if (owner && !isAlive(Number(owner))) fs.rmSync(path.join(CLAIMS, name), { force: true });
  }
}

function letGo() {
  for (const file of claimed) fs.rmSync(file, { force: true });
}

function isAlive(/** @type {number} */ pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM'; // another user's process
  }
}

module.exports = { freePort, claimPort, CLAIMS };
