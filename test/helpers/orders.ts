/** The order the tests' shops sell, in node and browser tests alike (no `node:` imports here). */
import type { TrustedOrder } from '../../src/server/index.js';

export function order(overrides: Partial<TrustedOrder> = {}): TrustedOrder {
  return {
    reference_id: 'order-1001',
    currency: 'IDR',
    amount: 1_500_000,
    order_items: [
      {
        type: 'PHYSICAL_PRODUCT',
        reference_id: 'SKU-SHOES-42',
        name: 'Running shoes',
        net_unit_amount: 750_000,
        quantity: 2,
        url: 'https://shop.example/p/shoes',
        category: 'Fashion',
      },
    ],
    customer: {
      reference_id: 'customer-77',
      given_names: 'Siti',
      surname: 'Rahayu',
      email: 'siti@example.co.id',
      mobile_number: '+6281234567890',
      addresses: [{ country: 'ID', street_line1: 'Jl. Sudirman 1', city: 'Jakarta Selatan', postal_code: '12190' }],
    },
    ...overrides,
  };
}

/** Who pays bills with PayLater in the tests (the companion's `bills.customer`). */
export const billShopper = {
  reference_id: 'bill-shopper-1',
  given_names: 'Dewi',
  surname: 'Lestari',
  email: 'dewi@example.co.id',
  mobile_number: '+6281298765432',
  addresses: [{ country: 'ID', street_line1: 'Jl. Merdeka 5', city: 'Bandung', postal_code: '40111' }],
};
