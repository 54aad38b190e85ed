// Original file: protos/product.proto


export interface ReservationRequest {
  'orderId'?: (string);
}

export interface ReservationRequest__Output {
  'orderId': (string);
}
