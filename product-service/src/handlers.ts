// One function per RPC of the diagram's product-service, named like the RPC. Each validates what it
// receives (grpcurl and Postman can call this service directly, without the gateway), then uses the
// store. (The RPCs that later lessons add are in folders of their own, plugged in by index.ts: see
// README.md.)
import {
  isValidDescription,
  isValidId,
  isValidName,
  isValidPrice,
  isValidQuery,
  isValidStock,
  LIMITS,
  notFound,
  pageOf,
  requireValid,
} from '@sandbox/protos';
import type { CreateProductRequest__Output } from '@sandbox/protos/generated/product/CreateProductRequest';
import type { DeleteProductRequest__Output } from '@sandbox/protos/generated/product/DeleteProductRequest';
import type { DeleteProductResponse } from '@sandbox/protos/generated/product/DeleteProductResponse';
import type { GetProductRequest__Output } from '@sandbox/protos/generated/product/GetProductRequest';
import type { ListProductsRequest__Output } from '@sandbox/protos/generated/product/ListProductsRequest';
import type { UpdateProductRequest__Output } from '@sandbox/protos/generated/product/UpdateProductRequest';
import type { Product, ProductStore } from './store';

export function createHandlers(store: ProductStore) {
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
      return store.create({
        name: request.name,
        description: request.description,
        price: request.price,
        stock: request.stock ?? LIMITS.defaultStock,
      });
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
      return store.update(request.id, { name, description, price, stock: request.stock }) as Product;
    },

    deleteProduct(request: DeleteProductRequest__Output): DeleteProductResponse {
      requireProduct(request.id);
      store.delete(request.id);
      return {};
    },
  };
}

export type ProductHandlers = ReturnType<typeof createHandlers>;
