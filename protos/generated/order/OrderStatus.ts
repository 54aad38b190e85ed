// Original file: protos/order.proto

export const OrderStatus = {
  STATUS_UNSPECIFIED: 'STATUS_UNSPECIFIED',
  PENDING: 'PENDING',
  PRODUCT_RESERVED: 'PRODUCT_RESERVED',
  PAID: 'PAID',
  CONFIRMED: 'CONFIRMED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;

export type OrderStatus =
  | 'STATUS_UNSPECIFIED'
  | 0
  | 'PENDING'
  | 1
  | 'PRODUCT_RESERVED'
  | 2
  | 'PAID'
  | 3
  | 'CONFIRMED'
  | 4
  | 'FAILED'
  | 5
  | 'CANCELLED'
  | 6

export type OrderStatus__Output = typeof OrderStatus[keyof typeof OrderStatus]
