// Original file: protos/product.proto


export interface ListProductsRequest {
  'pageSize'?: (number);
  'pageToken'?: (string);
  'query'?: (string);
}

export interface ListProductsRequest__Output {
  'pageSize': (number);
  'pageToken': (string);
  'query': (string);
}
