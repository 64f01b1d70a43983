import { randomUUID } from 'node:crypto';
import { Checkout } from '@/components/client-only';

export const dynamic = 'force-dynamic';

export default function CheckoutPage() {
  // Your cart's id: the companion's resolveCheckout turns it into the order.
  const cartId = `cart_${randomUUID()}`;
  return (
    <main>
      <h1>Checkout</h1>
      <p>2 × Kopi Gayo 250 g, 1 × Batik parang shirt: Rp 528.000</p>
      <Checkout cartId={cartId} />
    </main>
  );
}
