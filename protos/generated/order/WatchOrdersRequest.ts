// Original file: protos/order.proto


export interface WatchOrdersRequest {
  'afterSequence'?: (number);
  'follow'?: (boolean);
}

export interface WatchOrdersRequest__Output {
  'afterSequence': (number);
  'follow': (boolean);
}
