import { createCompanion, type Companion, type TrustedOrder } from 'paylater-checkout/server';

const shopUrl = process.env.SHOP_URL ?? 'http://localhost:3000';
let created: Companion | undefined;

/**
 * The companion: it keeps the Xendit key and answers <paylater-checkout> and <paylater-status>.
 * Made at the first request, because `next build` loads the route's module too, where the shop's
 * secrets are usually not set (createCompanion refuses to start without them).
 */
export const companion = (): Companion => (created ??= createCompanion({
  secretKey: process.env.XENDIT_SECRET_KEY!,
  callbackToken: process.env.XENDIT_CALLBACK_TOKEN!,
  signingSecret: process.env.PAYLATER_SIGNING_SECRET!,
  returnUrl: `${shopUrl}/return`,
  // Route handlers get no socket address: name the client by the header your proxy writes.
  clientKey: { header: 'x-forwarded-for' },
  resolveCheckout: (_request, checkout) => orderOf(checkout),
  onPaymentEvent: (event) => {
    if (event.status === 'SUCCEEDED' && event.paysOrder) console.log(`Order ${event.referenceId} paid: ${event.currency} ${event.amount}`);
  },
}));

/**
 * The order for a checkout handle, from your data only (never from the browser). This example has
 * one demo cart for every `cart_…` handle; your shop looks the cart up and checks that it belongs
 * to the shopper's session.
 */
function orderOf(checkout: string): TrustedOrder | null {
  if (!/^cart_[\w-]{8,64}$/.test(checkout)) return null;
  return {
    reference_id: `order-${checkout.slice('cart_'.length)}`,
    currency: 'IDR',
    amount: 528_000,
    order_items: [
      { type: 'PHYSICAL_PRODUCT', reference_id: 'KOPI-GAYO-250', name: 'Kopi Gayo 250 g', net_unit_amount: 89_000, quantity: 2, url: `${shopUrl}/`, category: 'Shop' },
      { type: 'PHYSICAL_PRODUCT', reference_id: 'BATIK-PARANG-M', name: 'Batik parang shirt', net_unit_amount: 350_000, quantity: 1, url: `${shopUrl}/`, category: 'Shop' },
    ],
    customer: {
      reference_id: 'customer-1',
      given_names: 'Siti',
      surname: 'Rahayu',
      email: 'siti@example.co.id',
      mobile_number: '+6281234567890',
      addresses: [{ country: 'ID', street_line1: 'Jl. Jenderal Sudirman 1', city: 'Jakarta', postal_code: '12190' }],
    },
  };
}
