// Original file: protos/order.proto


export interface ListOrdersRequest {
  'userId'?: (string);
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListOrdersRequest__Output {
  'userId': (string);
  'pageSize': (number);
  'pageToken': (string);
}
