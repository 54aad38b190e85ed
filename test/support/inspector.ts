// Asks a running Node.js process, started with --inspect=127.0.0.1:0, through its inspector (the
// Chrome DevTools Protocol over a WebSocket: https://chromedevtools.github.io/devtools-protocol/):
// how much of its heap is in use once garbage is collected, and how many objects of a class are
// still alive (what DevTools' Memory panel shows). The sandbox's code needs no hook for it.
// Node 20 has no WebSocket client of its own, so this speaks just enough of RFC 6455: one text frame
// per message, masked from client to server, never fragmented by the inspector.
import http from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface Inspector {
  heapUsedAfterGc(): Promise<number>;
  /** How many objects made by the class `className` that `file` exports are alive, once garbage is collected. */
  liveInstances(file: string, className: string): Promise<number>;
  close(): void;
}

/** The inspector's address, from the line a process started with --inspect prints on standard error. */
export function inspectorUrlIn(output: string[]): string | undefined {
  return output.map((line) => /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1]).find(Boolean);
}

export async function connectInspector(url: string): Promise<Inspector> {
  const { hostname, port, pathname } = new URL(url);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const req = http.request({
      hostname,
      port,
      path: pathname,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-version': '13',
      },
    });
    req.once('upgrade', (_res, upgraded: Socket) => resolve(upgraded));
    req.once('response', (res) => reject(new Error(`the inspector answered ${res.statusCode}, not an upgrade`)));
    req.once('error', reject);
    req.end();
  });
  const answers = new Map<number, (answer: { result?: unknown; error?: unknown }) => void>();
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    for (;;) {
      if (received.length < 2) return;
      let length = received[1] & 0x7f;
      let offset = 2;
      if (length === 126) [length, offset] = [received.length >= 4 ? received.readUInt16BE(2) : Infinity, 4];
      else if (length === 127)
        [length, offset] = [received.length >= 10 ? Number(received.readBigUInt64BE(2)) : Infinity, 10];
      if (received.length < offset + length) return;
      const text = received.subarray(offset, offset + length).toString('utf8');
      received = received.subarray(offset + length);
      const message = JSON.parse(text) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) answers.get(message.id)?.(message);
    }
  });
  let lastId = 0;
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      answers.set(id, (answer) => {
        answers.delete(id);
        if (answer.error) reject(new Error(`${method}: ${JSON.stringify(answer.error)}`));
        else resolve(answer.result);
      });
      const payload = Buffer.from(JSON.stringify({ id, method, params }));
      const mask = randomBytes(4);
      const size =
        payload.length < 126
          ? Buffer.from([0x81, 0x80 | payload.length])
          : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
      socket.write(Buffer.concat([size, mask, payload.map((byte, i) => byte ^ mask[i % 4])]));
    });
  return {
    async heapUsedAfterGc() {
      await send('HeapProfiler.collectGarbage');
      const answer = (await send('Runtime.evaluate', {
        expression: 'process.memoryUsage().heapUsed',
        returnByValue: true,
      })) as { result: { value: number } };
      return answer.result.value;
    },
    async liveInstances(file, className) {
      // the answers hold the objects they name until their group is released: released below, so
      // counting them keeps none alive
      const objectGroup = 'live-instances';
      try {
        await send('HeapProfiler.collectGarbage');
        // the class as the process loaded it: its main module's require returns the module it has already
        const expression = `process.mainModule.require(${JSON.stringify(file)})[${JSON.stringify(className)}].prototype`;
        const found = (await send('Runtime.evaluate', { expression, objectGroup })) as {
          result: { objectId?: string };
          exceptionDetails?: { exception?: { description?: string } };
        };
        if (!found.result.objectId)
          throw new Error(`${expression}: ${found.exceptionDetails?.exception?.description ?? 'not an object'}`);
        // every object whose prototype chain holds it: the instances of the class
        const { objects } = (await send('Runtime.queryObjects', {
          prototypeObjectId: found.result.objectId,
          objectGroup,
        })) as { objects: { objectId: string } };
        const counted = (await send('Runtime.callFunctionOn', {
          objectId: objects.objectId,
          functionDeclaration: 'function () { return this.length; }',
          returnByValue: true,
          objectGroup,
        })) as { result: { value: number } };
        return counted.result.value;
      } finally {
        await send('Runtime.releaseObjectGroup', { objectGroup });
      }
    },
    close: () => socket.destroy(),
  };
}
