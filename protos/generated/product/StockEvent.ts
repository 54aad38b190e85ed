// Original file: protos/product.proto


export interface StockEvent {
  'sequence'?: (number);
  'type'?: (string);
  'at'?: (string);
  'productId'?: (string);
  'productName'?: (string);
  'stock'?: (number);
  'orderId'?: (string);
  'quantity'?: (number);
}

export interface StockEvent__Output {
  'sequence': (number);
  'type': (string);
  'at': (string);
  'productId': (string);
  'productName': (string);
  'stock': (number);
  'orderId': (string);
  'quantity': (number);
}
