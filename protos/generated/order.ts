import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CancelOrderRequest as _order_CancelOrderRequest, CancelOrderRequest__Output as _order_CancelOrderRequest__Output } from './order/CancelOrderRequest';
import type { CreateOrderRequest as _order_CreateOrderRequest, CreateOrderRequest__Output as _order_CreateOrderRequest__Output } from './order/CreateOrderRequest';
import type { GetOrderRequest as _order_GetOrderRequest, GetOrderRequest__Output as _order_GetOrderRequest__Output } from './order/GetOrderRequest';
import type { ListOrdersRequest as _order_ListOrdersRequest, ListOrdersRequest__Output as _order_ListOrdersRequest__Output } from './order/ListOrdersRequest';
import type { ListOrdersResponse as _order_ListOrdersResponse, ListOrdersResponse__Output as _order_ListOrdersResponse__Output } from './order/ListOrdersResponse';
import type { Order as _order_Order, Order__Output as _order_Order__Output } from './order/Order';
import type { OrderEvent as _order_OrderEvent, OrderEvent__Output as _order_OrderEvent__Output } from './order/OrderEvent';
import type { OrderServiceClient as _order_OrderServiceClient, OrderServiceDefinition as _order_OrderServiceDefinition } from './order/OrderService';
import type { WatchOrdersRequest as _order_WatchOrdersRequest, WatchOrdersRequest__Output as _order_WatchOrdersRequest__Output } from './order/WatchOrdersRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  order: {
    CancelOrderRequest: MessageTypeDefinition<_order_CancelOrderRequest, _order_CancelOrderRequest__Output>
    CreateOrderRequest: MessageTypeDefinition<_order_CreateOrderRequest, _order_CreateOrderRequest__Output>
    GetOrderRequest: MessageTypeDefinition<_order_GetOrderRequest, _order_GetOrderRequest__Output>
    ListOrdersRequest: MessageTypeDefinition<_order_ListOrdersRequest, _order_ListOrdersRequest__Output>
    ListOrdersResponse: MessageTypeDefinition<_order_ListOrdersResponse, _order_ListOrdersResponse__Output>
    Order: MessageTypeDefinition<_order_Order, _order_Order__Output>
    OrderEvent: MessageTypeDefinition<_order_OrderEvent, _order_OrderEvent__Output>
    OrderService: SubtypeConstructor<typeof grpc.Client, _order_OrderServiceClient> & { service: _order_OrderServiceDefinition }
    OrderStatus: EnumTypeDefinition
    WatchOrdersRequest: MessageTypeDefinition<_order_WatchOrdersRequest, _order_WatchOrdersRequest__Output>
  }
}

