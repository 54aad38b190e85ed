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
import type { Reservation as _product_Reservation, Reservation__Output as _product_Reservation__Output } from '../product/Reservation';
import type { ReservationRequest as _product_ReservationRequest, ReservationRequest__Output as _product_ReservationRequest__Output } from '../product/ReservationRequest';
import type { ReserveStockRequest as _product_ReserveStockRequest, ReserveStockRequest__Output as _product_ReserveStockRequest__Output } from '../product/ReserveStockRequest';
import type { StockEvent as _product_StockEvent, StockEvent__Output as _product_StockEvent__Output } from '../product/StockEvent';
import type { UpdateProductRequest as _product_UpdateProductRequest, UpdateProductRequest__Output as _product_UpdateProductRequest__Output } from '../product/UpdateProductRequest';
import type { WatchStockRequest as _product_WatchStockRequest, WatchStockRequest__Output as _product_WatchStockRequest__Output } from '../product/WatchStockRequest';

export interface ProductServiceClient extends grpc.Client {
  CommitStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  CommitStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  CommitStock(argument: _product_ReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  CommitStock(argument: _product_ReservationRequest, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_ReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  commitStock(argument: _product_ReservationRequest, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  
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
  
  ReleaseStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  ReleaseStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  ReleaseStock(argument: _product_ReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  ReleaseStock(argument: _product_ReservationRequest, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_ReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_ReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  releaseStock(argument: _product_ReservationRequest, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  
  ReserveStock(argument: _product_ReserveStockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  ReserveStock(argument: _product_ReserveStockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  ReserveStock(argument: _product_ReserveStockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  ReserveStock(argument: _product_ReserveStockRequest, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_ReserveStockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_ReserveStockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_ReserveStockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  reserveStock(argument: _product_ReserveStockRequest, callback: grpc.requestCallback<_product_Reservation__Output>): grpc.ClientUnaryCall;
  
  UpdateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  UpdateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  UpdateProduct(argument: _product_UpdateProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  UpdateProduct(argument: _product_UpdateProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  updateProduct(argument: _product_UpdateProductRequest, callback: grpc.requestCallback<_product_Product__Output>): grpc.ClientUnaryCall;
  
  WatchStock(argument: _product_WatchStockRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_StockEvent__Output>;
  WatchStock(argument: _product_WatchStockRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_StockEvent__Output>;
  watchStock(argument: _product_WatchStockRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_StockEvent__Output>;
  watchStock(argument: _product_WatchStockRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_product_StockEvent__Output>;
  
}

export interface ProductServiceHandlers extends grpc.UntypedServiceImplementation {
  CommitStock: grpc.handleUnaryCall<_product_ReservationRequest__Output, _product_Reservation>;
  
  CreateProduct: grpc.handleUnaryCall<_product_CreateProductRequest__Output, _product_Product>;
  
  DeleteProduct: grpc.handleUnaryCall<_product_DeleteProductRequest__Output, _product_DeleteProductResponse>;
  
  GetProduct: grpc.handleUnaryCall<_product_GetProductRequest__Output, _product_Product>;
  
  ListProducts: grpc.handleUnaryCall<_product_ListProductsRequest__Output, _product_ListProductsResponse>;
  
  ReleaseStock: grpc.handleUnaryCall<_product_ReservationRequest__Output, _product_Reservation>;
  
  ReserveStock: grpc.handleUnaryCall<_product_ReserveStockRequest__Output, _product_Reservation>;
  
  UpdateProduct: grpc.handleUnaryCall<_product_UpdateProductRequest__Output, _product_Product>;
  
  WatchStock: grpc.handleServerStreamingCall<_product_WatchStockRequest__Output, _product_StockEvent>;
  
}

export interface ProductServiceDefinition extends grpc.ServiceDefinition {
  CommitStock: MethodDefinition<_product_ReservationRequest, _product_Reservation, _product_ReservationRequest__Output, _product_Reservation__Output>
  CreateProduct: MethodDefinition<_product_CreateProductRequest, _product_Product, _product_CreateProductRequest__Output, _product_Product__Output>
  DeleteProduct: MethodDefinition<_product_DeleteProductRequest, _product_DeleteProductResponse, _product_DeleteProductRequest__Output, _product_DeleteProductResponse__Output>
  GetProduct: MethodDefinition<_product_GetProductRequest, _product_Product, _product_GetProductRequest__Output, _product_Product__Output>
  ListProducts: MethodDefinition<_product_ListProductsRequest, _product_ListProductsResponse, _product_ListProductsRequest__Output, _product_ListProductsResponse__Output>
  ReleaseStock: MethodDefinition<_product_ReservationRequest, _product_Reservation, _product_ReservationRequest__Output, _product_Reservation__Output>
  ReserveStock: MethodDefinition<_product_ReserveStockRequest, _product_Reservation, _product_ReserveStockRequest__Output, _product_Reservation__Output>
  UpdateProduct: MethodDefinition<_product_UpdateProductRequest, _product_Product, _product_UpdateProductRequest__Output, _product_Product__Output>
  WatchStock: MethodDefinition<_product_WatchStockRequest, _product_StockEvent, _product_WatchStockRequest__Output, _product_StockEvent__Output>
}
