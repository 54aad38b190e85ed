// Lists come in pages, the way Google's API guidelines describe (https://google.aip.dev/158):
// the caller asks for pageSize items (0: the default), and gets a nextPageToken to pass back as
// pageToken for the next page; an empty nextPageToken means that was the last page. So no reply
// can outgrow a gRPC message (4 MB by default), however much a class stores.
// The token is opaque to callers; inside it is the id of the last item sent, so a page stays
// right even when items before it are deleted in between.
import { status } from '@grpc/grpc-js';
import { GrpcError } from './errors';
import { isValidPageSize, LIMITS, ruleMessage } from './rules';

export interface PageRequest {
  pageSize: number;
  pageToken: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

/** One page of `items` (oldest first, ids "1", "2", … counting up), as the request asks. */
export function pageOf<T extends { id: string }>(items: T[], request: PageRequest): Page<T> {
  if (!isValidPageSize(request.pageSize)) throw new GrpcError(status.INVALID_ARGUMENT, ruleMessage('pageSize'));
  // exercise paging ▼
  const size = Math.min(request.pageSize || LIMITS.defaultPageSize, LIMITS.maxPageSize);
  const after = request.pageToken === '' ? 0 : lastIdIn(request.pageToken);
  const rest = items.filter((item) => Number(item.id) > after);
  const page = rest.slice(0, size);
  const nextPageToken = rest.length > size ? tokenAfter(page[page.length - 1].id) : '';
  return { items: page, nextPageToken };
  // exercise paging ▲
}

function tokenAfter(id: string): string {
  return Buffer.from(`after:${id}`).toString('base64url');
}

function lastIdIn(token: string): number {
  const match = /^after:(\d{1,15})$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match || token.length > 40) throw new GrpcError(status.INVALID_ARGUMENT, ruleMessage('pageToken'));
  return Number(match[1]);
}
