// Original file: protos/product.proto


export interface DeleteProductResponse {
}

export interface DeleteProductResponse__Output {
}
