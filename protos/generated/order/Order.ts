// Original file: protos/order.proto


export interface Order {
  'id'?: (string);
  'userId'?: (string);
  'productId'?: (string);
  'quantity'?: (number);
  'totalPrice'?: (number | string);
  'userName'?: (string);
  'productName'?: (string);
  'createdAt'?: (string);
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
}
