// One function per RPC of product.proto, named like the RPC. Each validates what it receives
// (grpcurl and Postman can call this service directly, without the gateway), then uses the store.
import { isValidDescription, isValidId, isValidName, isValidPrice, isValidQuantity, isValidQuery, isValidStock, LIMITS, notFound, pageOf, requireValid } from '@sandbox/protos';
import type { CreateProductRequest__Output } from '@sandbox/protos/generated/product/CreateProductRequest';
import type { DeleteProductRequest__Output } from '@sandbox/protos/generated/product/DeleteProductRequest';
import type { DeleteProductResponse } from '@sandbox/protos/generated/product/DeleteProductResponse';
import type { GetProductRequest__Output } from '@sandbox/protos/generated/product/GetProductRequest';
import type { ListProductsRequest__Output } from '@sandbox/protos/generated/product/ListProductsRequest';
import type { ReservationRequest__Output } from '@sandbox/protos/generated/product/ReservationRequest';
import type { ReserveStockRequest__Output } from '@sandbox/protos/generated/product/ReserveStockRequest';
import type { UpdateProductRequest__Output } from '@sandbox/protos/generated/product/UpdateProductRequest';
import type { Reservation, Stock } from './stock';
import type { Product, ProductStore } from './store';

export function createHandlers(store: ProductStore, stock: Stock) {
  function requireProduct(id: string): Product {
    requireValid('id', isValidId(id));
    const product = store.get(id);
    if (!product) throw notFound(`product ${id} not found`);
    return product;
  }

  return {
    createProduct(request: CreateProductRequest__Output): Product {
      requireValid('name', isValidName(request.name));
      requireValid('description', isValidDescription(request.description));
      requireValid('price', isValidPrice(request.price));
      if (request.stock !== undefined) requireValid('stock', isValidStock(request.stock));
      const product = store.create({ name: request.name, description: request.description, price: request.price, stock: request.stock ?? LIMITS.defaultStock });
      stock.changed(product);
      return product;
    },

    // DIAGRAM step 4b: order-service asks for product "1" and gets the Laptop at 1000 back.
    getProduct(request: GetProductRequest__Output): Product {
      return requireProduct(request.id);
    },

    // one page at a time (protos/src/paging.ts); `query` keeps the names that contain it
    listProducts(request: ListProductsRequest__Output): { products: Product[]; nextPageToken: string } {
      requireValid('query', isValidQuery(request.query));
      const { items, nextPageToken } = pageOf(store.list(request.query || undefined), request);
      return { products: items, nextPageToken };
    },

    updateProduct(request: UpdateProductRequest__Output): Product {
      requireProduct(request.id);
      if (request.name !== undefined) requireValid('name', isValidName(request.name));
      if (request.description !== undefined) requireValid('description', isValidDescription(request.description));
      if (request.price !== undefined) requireValid('price', isValidPrice(request.price));
      if (request.stock !== undefined) requireValid('stock', isValidStock(request.stock));
      const { name, description, price } = request;
      const product = store.update(request.id, { name, description, price, stock: request.stock }) as Product;
      if (request.stock !== undefined) stock.changed(product);
      return product;
    },

    deleteProduct(request: DeleteProductRequest__Output): DeleteProductResponse {
      requireProduct(request.id);
      store.delete(request.id);
      return {};
    },

    // Lesson 16: the saga's three steps on stock, each idempotent per order (./stock.ts).
    reserveStock(request: ReserveStockRequest__Output): Reservation {
      requireValid('orderId', isValidId(request.orderId));
      requireValid('productId', isValidId(request.productId));
      requireValid('quantity', isValidQuantity(request.quantity));
      return stock.reserve(request.orderId, request.productId, request.quantity);
    },

    commitStock(request: ReservationRequest__Output): Reservation {
      requireValid('orderId', isValidId(request.orderId));
      return stock.commit(request.orderId);
    },

    releaseStock(request: ReservationRequest__Output): Reservation {
      requireValid('orderId', isValidId(request.orderId));
      return stock.release(request.orderId);
    },
  };
}

export type ProductHandlers = ReturnType<typeof createHandlers>;
