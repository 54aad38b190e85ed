// Original file: protos/product.proto


export interface ReserveStockRequest {
  'orderId'?: (string);
  'productId'?: (string);
  'quantity'?: (number);
}

export interface ReserveStockRequest__Output {
  'orderId': (string);
  'productId': (string);
  'quantity': (number);
}
