// Original file: protos/product.proto


export interface Product {
  'id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'price'?: (number | string);
  'stock'?: (number);
}

export interface Product__Output {
  'id': (string);
  'name': (string);
  'description': (string);
  'price': (number);
  'stock': (number);
}
