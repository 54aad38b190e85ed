// Original file: protos/product.proto


export interface UpdateProductRequest {
  'id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'price'?: (number | string);
  '_name'?: "name";
  '_description'?: "description";
  '_price'?: "price";
}

export interface UpdateProductRequest__Output {
  'id': (string);
  'name'?: (string);
  'description'?: (string);
  'price'?: (number);
}
