// The launcher's messages to a process (onLauncherMessage, launcher/src/index.ts): a setting
// switched, a reset, a service's replicas. The launcher goes on once the process answers that it
// has handled one, so the answer must come when everything the process does with it is done. The
// gateway has two handlers (api-gateway/src/index.ts and settings/reset.ts); when each answered on
// its own, a scale ended while the gateway's channels were still connecting to the new replica, and
// the health checks of that connecting took turns from the calls after the scale (a flaky test:
// "spreads the gateway's calls over both in turn").
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { NODE_ARGS, ROOT } from '../launcher/services';

/**
 * A process with two handlers: the first takes a while, the second returns at once. Each says when
 * it is done over the IPC channel too, so that the test sees everything in the order it was sent.
 */
function processWithTwoHandlers(): ChildProcess {
  const script = `
    const { onLauncherMessage } = require('./launcher/src/index.ts');
    onLauncherMessage((message) => new Promise((resolve) => setTimeout(() => {
      process.send({ handled: 'slow', id: message.id });
      resolve();
    }, 50)));
    onLauncherMessage((message) => {
      process.send({ handled: 'quick', id: message.id });
    });
    process.send({ listening: true });
    process.on('disconnect', () => process.exit(0));
    setInterval(() => undefined, 1000);`;
  return spawn(process.execPath, [...NODE_ARGS, '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

type Sent = { listening?: true; handled?: string; id?: number; done?: number };

describe("a process's answer to the launcher (onLauncherMessage)", () => {
  it('comes once every handler of the process is done with the message: one answer, after the slow handler too', async () => {
    const child = processWithTwoHandlers();
    const heard: string[] = [];
    const next = (what: (sent: Sent) => boolean) =>
      new Promise<void>((resolve) => {
        const onMessage = (sent: Sent) => {
          if (!what(sent)) return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
      });
    child.on('message', (sent: Sent) => {
      if (sent.handled) heard.push(`${sent.handled} ${sent.id}`);
      if (sent.done) heard.push(`answered ${sent.done}`);
    });
    try {
      await next((sent) => sent.listening === true);
      for (const id of [1, 2]) {
        const answered = next((sent) => sent.done === id);
        child.send({ settings: { auth: 'off' }, id });
        await answered;
      }
      expect(heard).to.deep.equal(['quick 1', 'slow 1', 'answered 1', 'quick 2', 'slow 2', 'answered 2']);
    } finally {
      child.disconnect();
    }
  });
});
