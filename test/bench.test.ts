// `npm run bench -- --quick`: that it runs, reports every figure and cleans up, in seconds (a tiny
// run: each latency one sample, each load a few dozen requests at most, what does not depend on
// each other starts at once). How fast the sandbox is, is for a person to read in the table
// (BENCHMARKS.md), never a test's to judge on a shared machine.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../launcher/services';
import { npmScript } from './support/scripts';

describe('npm run bench (quick smoke run)', function () {
  // generous: with the other test files on the same two cores, a run of about 30 s took over 55 once
  this.timeout(160_000);

  it('prints the table, writes every figure as JSON, and leaves no process behind', () => {
    // npm run -s bench -- --quick, without npm's own start-up (npmScript)
    const result = spawnSync(`${npmScript('bench')} --quick`, {
      cwd: ROOT,
      shell: true,
      encoding: 'utf8',
      timeout: 150_000,
    });
    expect(result.status, result.stderr).to.equal(0);
    for (const label of [
      'start-up, step by step: npm itself',
      'start-up, step by step: readiness',
      'start-up, step by step: first order after "ready"',
      'start-up, step by step: each alone: api-gateway: modules loaded / listening',
      'start-up: `npm start`',
      'memory after start, resident (RSS) per process',
      'CPU time per GET under load, by layer',
      'a bare Express route',
      'the diagram alone: routing + conversion',
      'the gateway, lab off, every chapter off',
      "the lab's request context alone",
      'the gateway, lab on, every request traced, its step logs off',
      'the gateway, lab on, every request traced (TRACES_PER_SECOND=all)',
      'the gateway, lab on, as npm start runs it: at most 100 traced a second',
      'throughput: lab on / lab off',
      'unloaded POST /api/orders',
      'bare Express baseline',
      'fan-out ratio parallel ÷ sequential',
      'GET load with 100 open trace streams',
      '10 stalled trace streams',
      'AUTH=required (a token on each GET)',
      'RATE_LIMIT (never reached)',
      'CACHE_TTL_MS (every GET a hit)',
      'cache hit vs cache off',
      'ORDER_SAGA on ÷ off',
      'saga on vs off',
      'stopped WatchOrders subscribers vs none',
      'user-service in TypeScript, alone',
      'user-service in Go, alone',
      'product-service as two replicas ÷ one',
      'a replica of product-service',
      'through a movable channel ÷ a plain one',
    ]) {
      expect(result.stdout).to.include(label);
    }
    const figures = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench-results/latest.json'), 'utf8'));
    const numbers: Array<[string, unknown]> = [
      ['npm start seconds', figures.npmStartSeconds.median],
      ['npm start → ready, step by step', figures.startSteps.npmStartReadyMs],
      ['the first order after ready', figures.startSteps.firstOrderMs],
      ['the contract read', figures.startSteps.contractMs],
      ...figures.startSteps.processes.map((p: { name: string; loadedMs: number }): [string, unknown] => [
        `${p.name} alone: modules loaded`,
        p.loadedMs,
      ]),
      ['start-up seconds', figures.startupSeconds.median],
      ...['user-service', 'product-service', 'order-service', 'api-gateway'].flatMap(
        (name): Array<[string, unknown]> => [
          [`${name} MB resident`, figures.memoryMb.afterStart[name].rss],
          [`${name} MB share`, figures.memoryMb.afterStart[name].pss],
        ],
      ),
      ['gateway CPU per request', figures.load.getProduct.cpuMicrosPerRequest],
      ['bare Express CPU per request', figures.load.getProductBareExpress.cpuMicrosPerRequest],
      // step 3, layer by layer: CPU per GET and throughput, and each ÷ the bare route's
      ...['bare', 'diagram', 'labOff', 'context', 'labOnQuiet', 'labOnEvery', 'labOn'].flatMap(
        (layer): Array<[string, unknown]> => [
          [`${layer} CPU per request`, figures.layers.load[layer].cpuMicrosPerRequest],
          [`${layer} req/s`, figures.layers.load[layer].requestsPerSecond],
          [`${layer} CPU ÷ bare`, figures.layers.cpuOverBare[layer]],
          [`${layer} CPU ÷ bare, best turns`, figures.layers.cpuOverBareBest[layer]],
          [`${layer} throughput ÷ bare`, figures.layers.throughputOverBare[layer]],
        ],
      ),
      ...['getProduct', 'createOrder', 'getProductDirectGrpc'].map((kind): [string, unknown] => [
        `unloaded ${kind} p50`,
        figures.unloadedMs[kind].p50,
      ]),
      ...['getProduct', 'createOrder', 'getProductDirectGrpc', 'getProductBareExpress'].map(
        (kind): [string, unknown] => [`${kind} req/s`, figures.load[kind].requestsPerSecond],
      ),
      ...Object.entries(figures.ratios),
      ['100 streams ÷ none', figures.streams.throughput100StreamsOverNone],
      [
        'gateway MB after orders with stalled streams',
        figures.streams.gatewayMbWith10StalledStreams.afterOrderLoad.rss,
      ],
      ...['auth', 'rateLimit', 'cache'].flatMap((feature): Array<[string, unknown]> => [
        [`${feature} off req/s`, figures.future[feature].off.requestsPerSecond],
        [`${feature} on CPU per request`, figures.future[feature].on.cpuMicrosPerRequest],
      ]),
      ['unloaded GET p50, cache hit', figures.future.unloadedGetMs.cacheHit.p50],
      ...['threeRestRequests', 'restWithExpand', 'graphqlQuery'].map((way): [string, unknown] => [
        `order with its parts, ${way} p50`,
        figures.orderWithParts[way].ms.p50,
      ]),
      ['100 orders with users, GraphQL p50', figures.orderWithParts.ordersWithUsers.graphqlOneRequest.p50],
      ['100 orders with users, REST p50', figures.orderWithParts.ordersWithUsers.restOnePlusOnePerOrder.p50],
      ...['off', 'on'].flatMap((mode): Array<[string, unknown]> => [
        [`saga ${mode} order req/s`, figures.saga.load[mode].requestsPerSecond],
        [`saga ${mode} order-service CPU per order`, figures.saga.load[mode].cpuMicrosPerRequest],
        [`saga ${mode} unloaded order p50`, figures.saga.unloadedOrderMs[mode].p50],
      ]),
      ['saga on ÷ off', figures.saga.load.onOverOff],
      ['order-service MB after orders, stopped subscribers', figures.saga.orderServiceMb.stoppedSubscribers.after.rss],
      ['order-service MB after orders, no subscriber', figures.saga.orderServiceMb.noSubscriber.after.rss],
      ['events during the load', figures.saga.eventsDuringLoad],
      ...['getProduct', 'createOrder'].flatMap((kind): Array<[string, unknown]> => [
        [`${kind} req/s, one product-service`, figures.replicas[kind].one.requestsPerSecond],
        [`${kind} req/s, two replicas`, figures.replicas[kind].two.requestsPerSecond],
      ]),
      ['scale to two replicas ms', figures.replicas.scaleUpMs],
      ['replica MB resident', figures.replicas.replicaMb.rss],
      ['GetProduct req/s, plain channel', figures.replicas.directGrpc.plainChannel.requestsPerSecond],
      ['GetProduct req/s, movable channel', figures.replicas.directGrpc.movableChannel.requestsPerSecond],
      // lesson 19: each user-service alone (the Go one only where Go is installed: the table says when it is not)
      ...(['ts', 'go'] as const)
        .filter((impl) => figures.userServices[impl])
        .flatMap((impl): Array<[string, unknown]> => [
          [`${impl} user-service ready ms`, figures.userServices[impl].readyMs],
          [`${impl} user-service MB resident`, figures.userServices[impl].memoryMb.afterStart.rss],
          [`${impl} user-service GetUser p50`, figures.userServices[impl].getUserMs.p50],
          [`${impl} user-service GetUser req/s`, figures.userServices[impl].load.requestsPerSecond],
        ]),
    ];
    expect(figures.userServices.ts, 'the TypeScript user-service measured').to.be.an('object');
    expect(Boolean(figures.userServices.go) || /Go is not installed/.test(figures.userServices.goMissing)).to.equal(
      true,
    );
    // the stopped subscribers (one in a quick run), each told how its stream ended (or still open,
    // when the quick load was too short to outrun the log)
    expect(figures.saga.subscribers.count).to.be.at.least(1);
    expect(figures.saga.subscribers.eventsReceived).to.have.length(figures.saga.subscribers.count);
    expect(figures.saga.subscribers.endedWith).to.match(/^(OUT_OF_RANGE|still open)( \/ (OUT_OF_RANGE|still open))?$/);
    for (const [name, value] of numbers) expect(value, name).to.be.a('number').and.to.be.greaterThan(0);
    // the sandboxes, the npm start runs and the baseline were all stopped
    expect(figures.startedPids.length).to.be.at.least(6);
    const alive = (figures.startedPids as number[]).filter((pid) => fs.existsSync(`/proc/${pid}`));
    expect(alive, 'processes the benchmark started and left running').to.deep.equal([]);
  });
});
