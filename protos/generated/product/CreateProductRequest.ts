// Original file: protos/product.proto


export interface CreateProductRequest {
  'name'?: (string);
  'description'?: (string);
  'price'?: (number | string);
}

export interface CreateProductRequest__Output {
  'name': (string);
  'description': (string);
  'price': (number);
}
