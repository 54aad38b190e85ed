// Original file: protos/product.proto


export interface DeleteProductRequest {
  'id'?: (string);
}

export interface DeleteProductRequest__Output {
  'id': (string);
}
