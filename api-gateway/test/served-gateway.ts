// For one `describe` block: the gateway app served on a free loopback port, built from `config`
// (and `lab`, if given), and closed afterwards. Used by the gateway's own tests and by
// test/without-lab.test.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLog } from '@sandbox/protos/testing';
import { createApp } from '../src/app';
import type { Config } from '../src/config';
import { createClients } from '../src/conversion/clients';

export function servedGateway(config: () => Config): { url: string } {
  const served = { url: '' };
  let server: http.Server;
  let close = () => undefined as void;
  before(async () => {
    const clients = createClients(config());
    close = () => clients.close();
    server = http.createServer(createApp(clients, config(), silentLog));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    close();
    await new Promise((resolve) => server.close(resolve));
  });
  return served;
}
