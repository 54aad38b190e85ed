// Original file: protos/product.proto

import type { ReservationState as _product_ReservationState, ReservationState__Output as _product_ReservationState__Output } from '../product/ReservationState';

export interface Reservation {
  'orderId'?: (string);
  'productId'?: (string);
  'quantity'?: (number);
  'state'?: (_product_ReservationState);
  'stockLeft'?: (number);
}

export interface Reservation__Output {
  'orderId': (string);
  'productId': (string);
  'quantity': (number);
  'state': (_product_ReservationState__Output);
  'stockLeft': (number);
}
