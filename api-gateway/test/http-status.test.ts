import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { codeName, HTTP_STATUS } from '../src/conversion/http-status';

describe('gRPC → HTTP status table', () => {
  it('follows the standard mapping for the codes a student will meet', () => {
    expect(HTTP_STATUS[status.NOT_FOUND]).to.equal(404);
    expect(HTTP_STATUS[status.INVALID_ARGUMENT]).to.equal(400);
    expect(HTTP_STATUS[status.ALREADY_EXISTS]).to.equal(409);
    expect(HTTP_STATUS[status.UNAVAILABLE]).to.equal(503);
    expect(HTTP_STATUS[status.DEADLINE_EXCEEDED]).to.equal(504);
    expect(HTTP_STATUS[status.INTERNAL]).to.equal(500);
  });

  it('covers all 17 gRPC codes', () => {
    expect(Object.keys(HTTP_STATUS)).to.have.length(17);
    expect(codeName(status.NOT_FOUND)).to.equal('NOT_FOUND');
  });
});
