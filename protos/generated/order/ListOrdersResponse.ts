// Original file: protos/order.proto

import type { Order as _order_Order, Order__Output as _order_Order__Output } from '../order/Order';

export interface ListOrdersResponse {
  'orders'?: (_order_Order)[];
  'nextPageToken'?: (string);
}

export interface ListOrdersResponse__Output {
  'orders': (_order_Order__Output)[];
  'nextPageToken': (string);
}
