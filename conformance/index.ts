// The conformance suites, one per service: what an implementation of a service's contract must do,
// checked over gRPC alone, whatever language it is written in.
import { orderServiceConformance } from './order-service';
import { productServiceConformance } from './product-service';
import { userServiceConformance } from './user-service';

export const SUITES = {
  'user-service': userServiceConformance,
  'product-service': productServiceConformance,
  'order-service': orderServiceConformance,
};
export { orderServiceConformance, productServiceConformance, userServiceConformance };
