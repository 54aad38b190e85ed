// Original file: protos/order.proto

import type { Order as _order_Order, Order__Output as _order_Order__Output } from '../order/Order';

export interface OrderEvent {
  'sequence'?: (number);
  'type'?: (string);
  'at'?: (string);
  'order'?: (_order_Order | null);
  'stockKey'?: (string);
}

export interface OrderEvent__Output {
  'sequence': (number);
  'type': (string);
  'at': (string);
  'order': (_order_Order__Output | null);
  'stockKey': (string);
}
