// Original file: protos/product.proto

import type { Product as _product_Product, Product__Output as _product_Product__Output } from '../product/Product';

export interface ListProductsResponse {
  'products'?: (_product_Product)[];
  'nextPageToken'?: (string);
}

export interface ListProductsResponse__Output {
  'products': (_product_Product__Output)[];
  'nextPageToken': (string);
}
