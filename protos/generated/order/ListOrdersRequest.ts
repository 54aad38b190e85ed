// Original file: protos/order.proto


export interface ListOrdersRequest {
  'userId'?: (string);
}

export interface ListOrdersRequest__Output {
  'userId': (string);
}
