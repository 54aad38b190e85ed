// Original file: protos/order.proto

import type { OrderStatus as _order_OrderStatus, OrderStatus__Output as _order_OrderStatus__Output } from '../order/OrderStatus';

export interface Order {
  'id'?: (string);
  'userId'?: (string);
  'productId'?: (string);
  'quantity'?: (number);
  'totalPrice'?: (number | string);
  'userName'?: (string);
  'productName'?: (string);
  'createdAt'?: (string);
  'status'?: (_order_OrderStatus);
  'failureReason'?: (string);
  '_failureReason'?: "failureReason";
}

export interface Order__Output {
  'id': (string);
  'userId': (string);
  'productId': (string);
  'quantity': (number);
  'totalPrice': (number);
  'userName': (string);
  'productName': (string);
  'createdAt': (string);
  'status': (_order_OrderStatus__Output);
  'failureReason'?: (string);
}
