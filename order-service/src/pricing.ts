// DIAGRAM step 5: totalPrice = price × quantity, e.g. 1000 × 2 = 2000.
// Prices have at most two decimals, but in floating point 19.99 × 7 is 139.92999999999998 and
// 4.35 × 100 is 434.99999999999994. Multiplying whole cents is exact: 139.93 and 435.
export function totalPrice(unitPrice: number, quantity: number): number {
  // exercise total-price ▼
  const unitCents = Math.round(unitPrice * 100);
  return (unitCents * quantity) / 100;
  // exercise total-price ▲
}
