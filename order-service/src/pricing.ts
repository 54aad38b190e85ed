// DIAGRAM step 5: totalPrice = price × quantity, e.g. 1000 × 2 = 2000.
// Prices have at most two decimals, but 19.99 × 3 in floating point is 59.970000000000006.
// Multiplying whole cents is exact, so the total is exactly 59.97.
export function totalPrice(unitPrice: number, quantity: number): number {
  const unitCents = Math.round(unitPrice * 100);
  return (unitCents * quantity) / 100;
}
