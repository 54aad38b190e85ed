// Original file: protos/product.proto


export interface WatchStockRequest {
  'afterSequence'?: (number);
  'follow'?: (boolean);
}

export interface WatchStockRequest__Output {
  'afterSequence': (number);
  'follow': (boolean);
}
