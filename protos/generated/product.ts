import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateProductRequest as _product_CreateProductRequest, CreateProductRequest__Output as _product_CreateProductRequest__Output } from './product/CreateProductRequest';
import type { DeleteProductRequest as _product_DeleteProductRequest, DeleteProductRequest__Output as _product_DeleteProductRequest__Output } from './product/DeleteProductRequest';
import type { DeleteProductResponse as _product_DeleteProductResponse, DeleteProductResponse__Output as _product_DeleteProductResponse__Output } from './product/DeleteProductResponse';
import type { GetProductRequest as _product_GetProductRequest, GetProductRequest__Output as _product_GetProductRequest__Output } from './product/GetProductRequest';
import type { ListProductsRequest as _product_ListProductsRequest, ListProductsRequest__Output as _product_ListProductsRequest__Output } from './product/ListProductsRequest';
import type { ListProductsResponse as _product_ListProductsResponse, ListProductsResponse__Output as _product_ListProductsResponse__Output } from './product/ListProductsResponse';
import type { Product as _product_Product, Product__Output as _product_Product__Output } from './product/Product';
import type { ProductServiceClient as _product_ProductServiceClient, ProductServiceDefinition as _product_ProductServiceDefinition } from './product/ProductService';
import type { Reservation as _product_Reservation, Reservation__Output as _product_Reservation__Output } from './product/Reservation';
import type { ReservationRequest as _product_ReservationRequest, ReservationRequest__Output as _product_ReservationRequest__Output } from './product/ReservationRequest';
import type { ReserveStockRequest as _product_ReserveStockRequest, ReserveStockRequest__Output as _product_ReserveStockRequest__Output } from './product/ReserveStockRequest';
import type { StockEvent as _product_StockEvent, StockEvent__Output as _product_StockEvent__Output } from './product/StockEvent';
import type { UpdateProductRequest as _product_UpdateProductRequest, UpdateProductRequest__Output as _product_UpdateProductRequest__Output } from './product/UpdateProductRequest';
import type { WatchStockRequest as _product_WatchStockRequest, WatchStockRequest__Output as _product_WatchStockRequest__Output } from './product/WatchStockRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  product: {
    CreateProductRequest: MessageTypeDefinition<_product_CreateProductRequest, _product_CreateProductRequest__Output>
    DeleteProductRequest: MessageTypeDefinition<_product_DeleteProductRequest, _product_DeleteProductRequest__Output>
    DeleteProductResponse: MessageTypeDefinition<_product_DeleteProductResponse, _product_DeleteProductResponse__Output>
    GetProductRequest: MessageTypeDefinition<_product_GetProductRequest, _product_GetProductRequest__Output>
    ListProductsRequest: MessageTypeDefinition<_product_ListProductsRequest, _product_ListProductsRequest__Output>
    ListProductsResponse: MessageTypeDefinition<_product_ListProductsResponse, _product_ListProductsResponse__Output>
    Product: MessageTypeDefinition<_product_Product, _product_Product__Output>
    ProductService: SubtypeConstructor<typeof grpc.Client, _product_ProductServiceClient> & { service: _product_ProductServiceDefinition }
    Reservation: MessageTypeDefinition<_product_Reservation, _product_Reservation__Output>
    ReservationRequest: MessageTypeDefinition<_product_ReservationRequest, _product_ReservationRequest__Output>
    ReservationState: EnumTypeDefinition
    ReserveStockRequest: MessageTypeDefinition<_product_ReserveStockRequest, _product_ReserveStockRequest__Output>
    StockEvent: MessageTypeDefinition<_product_StockEvent, _product_StockEvent__Output>
    UpdateProductRequest: MessageTypeDefinition<_product_UpdateProductRequest, _product_UpdateProductRequest__Output>
    WatchStockRequest: MessageTypeDefinition<_product_WatchStockRequest, _product_WatchStockRequest__Output>
  }
}

