// Original file: protos/product.proto


export interface CreateProductRequest {
  'name'?: (string);
  'description'?: (string);
  'price'?: (number | string);
  'stock'?: (number);
  '_stock'?: "stock";
}

export interface CreateProductRequest__Output {
  'name': (string);
  'description': (string);
  'price': (number);
  'stock'?: (number);
}
