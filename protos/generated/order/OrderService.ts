// Original file: protos/order.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelOrderRequest as _order_CancelOrderRequest, CancelOrderRequest__Output as _order_CancelOrderRequest__Output } from '../order/CancelOrderRequest';
import type { CreateOrderRequest as _order_CreateOrderRequest, CreateOrderRequest__Output as _order_CreateOrderRequest__Output } from '../order/CreateOrderRequest';
import type { GetOrderRequest as _order_GetOrderRequest, GetOrderRequest__Output as _order_GetOrderRequest__Output } from '../order/GetOrderRequest';
import type { ListOrdersRequest as _order_ListOrdersRequest, ListOrdersRequest__Output as _order_ListOrdersRequest__Output } from '../order/ListOrdersRequest';
import type { ListOrdersResponse as _order_ListOrdersResponse, ListOrdersResponse__Output as _order_ListOrdersResponse__Output } from '../order/ListOrdersResponse';
import type { Order as _order_Order, Order__Output as _order_Order__Output } from '../order/Order';
import type { OrderEvent as _order_OrderEvent, OrderEvent__Output as _order_OrderEvent__Output } from '../order/OrderEvent';
import type { WatchOrdersRequest as _order_WatchOrdersRequest, WatchOrdersRequest__Output as _order_WatchOrdersRequest__Output } from '../order/WatchOrdersRequest';

export interface OrderServiceClient extends grpc.Client {
  CancelOrder(argument: _order_CancelOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  CancelOrder(argument: _order_CancelOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  CancelOrder(argument: _order_CancelOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  CancelOrder(argument: _order_CancelOrderRequest, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _order_CancelOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _order_CancelOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _order_CancelOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _order_CancelOrderRequest, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  
  CreateOrder(argument: _order_CreateOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  CreateOrder(argument: _order_CreateOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  CreateOrder(argument: _order_CreateOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  CreateOrder(argument: _order_CreateOrderRequest, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  createOrder(argument: _order_CreateOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  createOrder(argument: _order_CreateOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  createOrder(argument: _order_CreateOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  createOrder(argument: _order_CreateOrderRequest, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  
  GetOrder(argument: _order_GetOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  GetOrder(argument: _order_GetOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  GetOrder(argument: _order_GetOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  GetOrder(argument: _order_GetOrderRequest, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _order_GetOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _order_GetOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _order_GetOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _order_GetOrderRequest, callback: grpc.requestCallback<_order_Order__Output>): grpc.ClientUnaryCall;
  
  ListOrders(argument: _order_ListOrdersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  ListOrders(argument: _order_ListOrdersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  ListOrders(argument: _order_ListOrdersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  ListOrders(argument: _order_ListOrdersRequest, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  listOrders(argument: _order_ListOrdersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  listOrders(argument: _order_ListOrdersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  listOrders(argument: _order_ListOrdersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  listOrders(argument: _order_ListOrdersRequest, callback: grpc.requestCallback<_order_ListOrdersResponse__Output>): grpc.ClientUnaryCall;
  
  WatchOrders(argument: _order_WatchOrdersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_order_OrderEvent__Output>;
  WatchOrders(argument: _order_WatchOrdersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_order_OrderEvent__Output>;
  watchOrders(argument: _order_WatchOrdersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_order_OrderEvent__Output>;
  watchOrders(argument: _order_WatchOrdersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_order_OrderEvent__Output>;
  
}

export interface OrderServiceHandlers extends grpc.UntypedServiceImplementation {
  CancelOrder: grpc.handleUnaryCall<_order_CancelOrderRequest__Output, _order_Order>;
  
  CreateOrder: grpc.handleUnaryCall<_order_CreateOrderRequest__Output, _order_Order>;
  
  GetOrder: grpc.handleUnaryCall<_order_GetOrderRequest__Output, _order_Order>;
  
  ListOrders: grpc.handleUnaryCall<_order_ListOrdersRequest__Output, _order_ListOrdersResponse>;
  
  WatchOrders: grpc.handleServerStreamingCall<_order_WatchOrdersRequest__Output, _order_OrderEvent>;
  
}

export interface OrderServiceDefinition extends grpc.ServiceDefinition {
  CancelOrder: MethodDefinition<_order_CancelOrderRequest, _order_Order, _order_CancelOrderRequest__Output, _order_Order__Output>
  CreateOrder: MethodDefinition<_order_CreateOrderRequest, _order_Order, _order_CreateOrderRequest__Output, _order_Order__Output>
  GetOrder: MethodDefinition<_order_GetOrderRequest, _order_Order, _order_GetOrderRequest__Output, _order_Order__Output>
  ListOrders: MethodDefinition<_order_ListOrdersRequest, _order_ListOrdersResponse, _order_ListOrdersRequest__Output, _order_ListOrdersResponse__Output>
  WatchOrders: MethodDefinition<_order_WatchOrdersRequest, _order_OrderEvent, _order_WatchOrdersRequest__Output, _order_OrderEvent__Output>
}
