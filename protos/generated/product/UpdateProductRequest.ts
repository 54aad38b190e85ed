// Original file: protos/product.proto


export interface UpdateProductRequest {
  'id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'price'?: (number | string);
  'stock'?: (number);
  '_name'?: "name";
  '_description'?: "description";
  '_price'?: "price";
  '_stock'?: "stock";
}

export interface UpdateProductRequest__Output {
  'id': (string);
  'name'?: (string);
  'description'?: (string);
  'price'?: (number);
  'stock'?: (number);
}
