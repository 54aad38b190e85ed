// Original file: protos/product.proto


export interface ListProductsRequest {
}

export interface ListProductsRequest__Output {
}
