// Original file: protos/product.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateProductRequest as _product_CreateProductRequest, CreateProductRequest__Output as _product_CreateProductRequest__Output } from '../product/CreateProductRequest';
import type { DeleteProductRequest as _product_DeleteProductRequest, DeleteProductRequest__Output as _product_DeleteProductRequest__Output } from '../product/DeleteProductRequest';
import type { DeleteProductResponse as _product_DeleteProductResponse, DeleteProductResponse__Output as _product_DeleteProductResponse__Output } from '../product/DeleteProductResponse';
import type { GetProductRequest as _product_GetProductRequest, GetProductRequest__Output as _product_GetProductRequest__Output } from '../product/GetProductRequest';
import type { ListProductsRequest as _product_ListProductsRequest, ListProductsRequest__Output as _product_ListProductsRequest__Output } from '../product/ListProductsRequest';
import type { ListProductsResponse as _product_ListProductsResponse, ListProductsResponse__Output as _product_ListProductsResponse__Output } from '../product/ListProductsResponse';
import type { Product as _product_Product, Product__Output as _product_Product__Output } from '../product/Product';
import type { UpdateProductRequest as _product_UpdateProductRequest, UpdateProductRequest__Output as _product_UpdateProductRequest__Output } from '../product/UpdateProductRequest';

export interface ProductServiceClient extends grpc.Client {
  CreateProduct(argument: _product_CreateProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  CreateProduct(argument: _product_CreateProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  CreateProduct(argument: _product_CreateProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  CreateProduct(argument: _product_CreateProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  createProduct(argument: _product_CreateProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  createProduct(argument: _product_CreateProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  createProduct(argument: _product_CreateProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  createProduct(argument: _product_CreateProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  
  DeleteProduct(argument: _product_DeleteProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  DeleteProduct(argument: _product_DeleteProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  DeleteProduct(argument: _product_DeleteProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  DeleteProduct(argument: _product_DeleteProductRequest, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  deleteProduct(argument: _product_DeleteProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  deleteProduct(argument: _product_DeleteProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  deleteProduct(argument: _product_DeleteProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  deleteProduct(argument: _product_DeleteProductRequest, callback: grpc.requestCallback<_product_DeleteProductResponse__Output>): grpc.ClientUnaryCall;
  
  GetProduct(argument: _product_GetProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  GetProduct(argument: _product_GetProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  GetProduct(argument: _product_GetProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  GetProduct(argument: _product_GetProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  getProduct(argument: _product_GetProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  getProduct(argument: _product_GetProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  getProduct(argument: _product_GetProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  getProduct(argument: _product_GetProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  
  ListProducts(argument: _product_ListProductsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  ListProducts(argument: _product_ListProductsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  ListProducts(argument: _product_ListProductsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  ListProducts(argument: _product_ListProductsRequest, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  listProducts(argument: _product_ListProductsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  listProducts(argument: _product_ListProductsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  listProducts(argument: _product_ListProductsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  listProducts(argument: _product_ListProductsRequest, callback: grpc.requestCallback<_product_ListProductsResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  UpdateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  UpdateProduct(argument: _product_UpdateProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  UpdateProduct(argument: _product_UpdateProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  
}

export interface ProductServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateProduct: grpc.handleUnaryCall<_product_CreateProductRequest__Output, _product_Product>;
  
  DeleteProduct: grpc.handleUnaryCall<_product_DeleteProductRequest__Output, _product_DeleteProductResponse>;
  
  GetProduct: grpc.handleUnaryCall<_product_GetProductRequest__Output, _product_Product>;
  
  ListProducts: grpc.handleUnaryCall<_product_ListProductsRequest__Output, _product_ListProductsResponse>;
  
  UpdateProduct: grpc.handleUnaryCall<_product_UpdateProductRequest__Output, _product_Product>;
  
}

export interface ProductServiceDefinition extends grpc.ServiceDefinition {
  CreateProduct: MethodDefinition<_product_CreateProductRequest, _product_Product, _product_CreateProductRequest__Output, _product_Product__Output>
  DeleteProduct: MethodDefinition<_product_DeleteProductRequest, _product_DeleteProductResponse, _product_DeleteProductRequest__Output, _product_DeleteProductResponse__Output>
  GetProduct: MethodDefinition<_product_GetProductRequest, _product_Product, _product_GetProductRequest__Output, _product_Product__Output>
  ListProducts: MethodDefinition<_product_ListProductsRequest, _product_ListProductsResponse, _product_ListProductsRequest__Output, _product_ListProductsResponse__Output>
  UpdateProduct: MethodDefinition<_product_UpdateProductRequest, _product_Product, _product_UpdateProductRequest__Output, _product_Product__Output>
}
