// npm run compare (lesson 21): the bytes it counts are the protocols' own, and they say what the
// lesson reads from them. Times are printed for the lesson and BENCHMARKS.md, never asserted.
import { expect } from 'chai';
import { runComparison, type Comparison } from '../scripts/compare';
import { report } from './support/sandbox';

describe('npm run compare: JSON over HTTP/1.1 against protobuf over HTTP/2, measured', function () {
  this.timeout(60_000);
  let order: Comparison;
  let products: Comparison;
  before(async () => ([order, products] = await runComparison()));

  it("counts the diagram's order and 100 products: each body smaller as protobuf than as JSON", () => {
    expect(order.name).to.match(/^the diagram's order/);
    expect(products.name).to.match(/^100 products/);
    for (const { body } of [order, products]) expect(body.protobuf).to.be.below(body.json);
    // the order is numbers and short strings, where protobuf saves most; a page of products is mostly text, which both carry as it is
    expect(order.body.json / order.body.protobuf).to.be.above(products.body.json / products.body.protobuf);
    report(
      `bodies: the order JSON ${order.body.json} B, protobuf ${order.body.protobuf} B; 100 products JSON ${products.body.json} B, protobuf ${products.body.protobuf} B`,
    );
  });

  it('counts everything on the wire: never less than the bodies; HTTP/2 compresses repeated headers (HPACK), HTTP/1.1 sends them again', () => {
    for (const { body, wire } of [order, products]) {
      const total = (e: { sent: number; received: number }) => e.sent + e.received;
      expect(total(wire.http1Json.later)).to.be.above(body.json);
      expect(total(wire.http2Grpc.later)).to.be.above(body.protobuf);
      expect(total(wire.http2Grpc.later)).to.be.below(total(wire.http2Grpc.first)); // the first carries the connection's set-up and the full headers
      expect(Math.abs(total(wire.http1Json.later) - total(wire.http1Json.first))).to.be.below(20); // only the date and such change
      report(
        `${body.json > 5000 ? '100 products' : 'the order'}: HTTP/1.1+JSON ${total(wire.http1Json.later)} B, HTTP/2+gRPC ${total(wire.http2Grpc.later)} B a later call (${total(wire.http2Grpc.first)} B the first)`,
      );
    }
  });

  it('times encoding and decoding with both (printed, not judged: this machine is shared)', () => {
    for (const { timeNs } of [order, products]) for (const value of Object.values(timeNs)) expect(value).to.be.above(0);
    report(
      `100 products: JSON.stringify ${(products.timeNs.jsonEncode / 1000).toFixed(1)} µs, protobuf encode ${(products.timeNs.protobufEncode / 1000).toFixed(1)} µs; JSON.parse ${(products.timeNs.jsonDecode / 1000).toFixed(1)} µs, protobuf decode ${(products.timeNs.protobufDecode / 1000).toFixed(1)} µs`,
    );
  });
});
