import { expect } from 'chai';
import { describeMessage, formatTraceparent, parseTraceparent } from '../src/trace';

describe('trace helpers', () => {
  it('reads and writes W3C traceparent headers, rejecting malformed or all-zero ids', () => {
    const header = formatTraceparent('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7');
    expect(header).to.equal('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parseTraceparent(header)).to.deep.equal({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7' });
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).to.equal(undefined);
    expect(parseTraceparent('garbage')).to.equal(undefined);
    expect(parseTraceparent(undefined)).to.equal(undefined);
  });

  it('describes a message by its scalar fields, for log lines', () => {
    expect(describeMessage({ userId: '1', productId: '1', quantity: 2 })).to.equal('userId=1 productId=1 quantity=2');
    expect(describeMessage({ id: '', nested: { a: 1 } })).to.equal('');
  });
});
