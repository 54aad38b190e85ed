// A process's side of the launcher's control socket (../control.js): the gateway relays the page's
// buttons (stop, start, scale, reset) and the switches that every process must follow (AUTH,
// ORDER_SAGA) to `npm start`'s launcher, which owns the processes.
import http from 'node:http';

/** SANDBOX_CONTROL: where the launcher takes commands, set by it for the processes it starts. */
export function launcherControl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.SANDBOX_CONTROL || undefined;
}

/** One request to the launcher's control socket; a launcher that is gone is a 503. */
export function askLauncher(
  method: string,
  path: string,
  socketPath = launcherControl(),
): Promise<{ status: number; body: { error?: string } }> {
  return new Promise((resolve) => {
    const gone = { status: 503, body: { error: 'the launcher (npm start) does not answer' } };
    if (!socketPath) return resolve(gone);
    const req = http.request({ socketPath, method, path, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 500, body: JSON.parse(text) });
        } catch {
          resolve(gone);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(gone));
    req.end();
  });
}

/**
 * A setting every process follows, changed at run time (AUTH, ORDER_SAGA): the launcher tells each
 * of them. Rejects with the reason when it cannot.
 */
export async function tellServices(change: { auth: string } | { saga: string }): Promise<void> {
  if (!launcherControl())
    throw new Error(
      'this gateway was not started by `npm start`, so it cannot tell the services to switch; start them all with the setting instead',
    );
  const [name, value] = Object.entries(change)[0];
  const answer = await askLauncher('POST', `/settings/${name}/${encodeURIComponent(value)}`);
  if (answer.status !== 200) throw new Error(answer.body.error ?? 'the launcher (npm start) did not take the setting');
}
