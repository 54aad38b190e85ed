// Original file: protos/order.proto


export interface CancelOrderRequest {
  'id'?: (string);
}

export interface CancelOrderRequest__Output {
  'id': (string);
}
