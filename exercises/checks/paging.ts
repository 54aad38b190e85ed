// exercise paging (lesson 3): a list a page at a time, AIP-158's pageSize, pageToken, nextPageToken.
import { checkBehaviours, missing, shown } from './kit';

interface Page {
  items: Array<{ id: string }>;
  nextPageToken: string;
}
import { pageOf } from '../../protos/src/paging';

const items = Array.from({ length: 7 }, (_, i) => ({ id: String(i + 1) }));
const ids = (page: Page) => page.items.map((item) => item.id).join(',');

void checkBehaviours('paging', [
  {
    behaviour: 'a page of 3 gives the first three, and a token for the next page',
    async check() {
      const page = pageOf(items, { pageSize: 3, pageToken: '' });
      if (ids(page) !== '1,2,3' || !page.nextPageToken)
        missing({
          sent: 'pageOf(users 1–7, { pageSize: 3, pageToken: "" })',
          got: shown(page),
          expected: 'items 1,2,3 and a nextPageToken',
        });
    },
  },
  {
    behaviour: 'the token gives the next page, and the last page has an empty token',
    async check() {
      const first = pageOf(items, { pageSize: 3, pageToken: '' });
      const second = pageOf(items, { pageSize: 3, pageToken: first.nextPageToken });
      const third = pageOf(items, { pageSize: 3, pageToken: second.nextPageToken });
      if (ids(second) !== '4,5,6' || ids(third) !== '7' || third.nextPageToken !== '') {
        missing({
          sent: 'three pages of 3 over users 1–7, each with the token of the one before',
          got: `${ids(second)} | ${ids(third)} (next "${third.nextPageToken}")`,
          expected: '4,5,6 | 7 (next "")',
        });
      }
    },
  },
  {
    behaviour: 'a page size of 0 means the default (50), and more than 100 means 100',
    async check() {
      const many = Array.from({ length: 150 }, (_, i) => ({ id: String(i + 1) }));
      const byDefault = pageOf(many, { pageSize: 0, pageToken: '' }).items.length;
      const capped = pageOf(many, { pageSize: 500, pageToken: '' }).items.length;
      if (byDefault !== 50 || capped !== 100)
        missing({
          sent: 'pageSize 0, then 500, over 150 items',
          got: `${byDefault}, then ${capped} items`,
          expected: '50, then 100',
        });
    },
  },
  {
    behaviour: 'a page stays right when an item before it was deleted in between',
    async check() {
      const first = pageOf(items, { pageSize: 3, pageToken: '' });
      const second = pageOf(
        items.filter((item) => item.id !== '2'),
        { pageSize: 3, pageToken: first.nextPageToken },
      );
      if (ids(second) !== '4,5,6')
        missing({
          sent: 'page 1 (1,2,3), then item 2 deleted, then page 2',
          got: ids(second),
          expected: '4,5,6 (no item seen twice or skipped)',
        });
    },
  },
]);
