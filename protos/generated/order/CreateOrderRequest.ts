// Original file: protos/order.proto


export interface CreateOrderRequest {
  'userId'?: (string);
  'productId'?: (string);
  'quantity'?: (number);
}

export interface CreateOrderRequest__Output {
  'userId': (string);
  'productId': (string);
  'quantity': (number);
}
