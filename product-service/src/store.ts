// product-service's data: a Map in memory (DIAGRAM: "Product Data (Map)"). No gRPC here, so it can
// be tested on its own.
export interface Product {
  id: string;
  name: string;
  description: string;
  price: number;
  stock: number; // units that can be ordered now (./stock/ holds and sells them)
}

export type NewProduct = Omit<Product, 'id'>;

export class ProductStore {
  private readonly products = new Map<string, Product>();
  private lastId = 0;

  create(fields: NewProduct): Product {
    // ids are "1", "2", … as on the diagram
    const product: Product = { id: String(++this.lastId), ...pick(fields) };
    this.products.set(product.id, product);
    return { ...product };
  }

  get(id: string): Product | undefined {
    const product = this.products.get(id);
    return product && { ...product };
  }

  /** Every product, oldest first; only those whose name contains `query` (ignoring case) when given. */
  list(query?: string): Product[] {
    const wanted = query?.toLowerCase();
    return [...this.products.values()]
      .filter((product) => wanted === undefined || product.name.toLowerCase().includes(wanted))
      .map((product) => ({ ...product }));
  }

  update(id: string, changes: Partial<NewProduct>): Product | undefined {
    const product = this.products.get(id);
    if (!product) return undefined;
    if (changes.name !== undefined) product.name = changes.name;
    if (changes.description !== undefined) product.description = changes.description;
    if (changes.price !== undefined) product.price = changes.price;
    if (changes.stock !== undefined) product.stock = changes.stock;
    return { ...product };
  }

  delete(id: string): boolean {
    return this.products.delete(id);
  }
}

// copy only the known fields, so nothing else a caller passes ends up stored
function pick({ name, description, price, stock }: NewProduct): NewProduct {
  return { name, description, price, stock };
}
