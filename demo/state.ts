/**
 * The shop's own data, in memory: carts (no cookies: the cart id travels in the URL and in forms)
 * and the orders it learnt of through `onPaymentEvent`.
 */
import { randomBytes } from 'node:crypto';
import { PRODUCTS, SHOPPER, productById, type Lang } from './catalog.js';
import type { CompanionOptions, PaymentEvent, TrustedOrder } from 'paylater-checkout/server';

/** What `bills.onBillEvent` receives (the package does not export the type by name). */
export type BillEvent = Parameters<NonNullable<NonNullable<CompanionOptions['bills']>['onBillEvent']>>[0];

/** The end of a bill payment, as the orders page shows it (keyed by the PayLater charge id). */
export interface BillOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  productId: string;
  customerNumber: string;
  token?: string | undefined;
  kwh?: string | undefined;
  receipt?: string | undefined;
  failureCode: string | null;
  refunded: boolean;
  at: number;
}

/** Order references of bill payments start so (the companion's `bill-…`). */
export const isBillReference = (reference: string) => reference.startsWith('bill-');

export const MAX_QUANTITY = 10;
const MAX_CARTS = 5_000;

export interface Cart {
  id: string;
  /** product id → quantity, in the order they were added. */
  lines: Map<string, number>;
  /** Bumped when the CDN page's fixed cart is paid and opens again: a new order reference. */
  attempt: number;
  status: 'open' | 'ordered';
  lang: Lang;
  /** The CDN page's fixed cart: its lines never change, it opens again after each payment. */
  fixed: boolean;
  updatedAt: number;
}

export interface CartLine {
  productId: string;
  quantity: number;
  price: number;
}

export interface OrderEvent {
  status: string;
  source: PaymentEvent['source'];
  at: number;
}

/** A payment of the order that does not pay it: refunded in full by the companion. */
export interface RefundedPayment {
  chargeId: string;
  channelCode: string;
  amount: number;
  /** DUPLICATE: the order was already paid; SUPERSEDED: made for the cart before it changed; CANCELLED: paid after its cancel. */
  reason: 'DUPLICATE' | 'SUPERSEDED' | 'CANCELLED';
  status: string;
  /** The provider takes no refunds through the API: the shop refunds it by hand. */
  refundRefused: boolean;
}

export interface Order {
  reference: string;
  cartId: string;
  lines: CartLine[];
  amount: number;
  currency: string;
  chargeId: string;
  channelCode: string;
  status: string;
  placedAt: number;
  events: OrderEvent[];
  refund?: { id: string; status: string; at: number };
  /** The charge that paid the order (`paysOrder`): only its events change the order's status from then on. */
  paidBy?: string;
  /** Paid, but not for the amount the shop asked (the recipe's check of `event.amount`). */
  amountMismatch?: boolean;
  refundedPayments: RefundedPayment[];
}

export const CDN_CART_ID = 'cdn-demo';

export function cartLines(cart: Cart): CartLine[] {
  return [...cart.lines].map(([productId, quantity]) => ({ productId, quantity, price: productById(productId)!.price }));
}

export function cartTotal(cart: Cart): number {
  return cartLines(cart).reduce((sum, line) => sum + line.price * line.quantity, 0);
}

export function cartCount(cart: Cart | undefined): number {
  return cart ? [...cart.lines.values()].reduce((a, b) => a + b, 0) : 0;
}

export function referenceOf(cart: Cart): string {
  return `TP-${cart.id.toUpperCase()}-${cart.attempt}`;
}


export function createShopState(options: { origin: () => string }) {
  const carts = new Map<string, Cart>();
  const orders = new Map<string, Order>();
  /** charge id → how its bill payment ended (from `onBillEvent`, which runs before `onPaymentEvent`). */
  const bills = new Map<string, BillOutcome>();
  /** reference → what the shopper was shown for it (to describe the order when an event arrives). */
  const snapshots = new Map<string, { cartId: string; lines: CartLine[]; amount: number }>();

  const newCart = (id = randomBytes(5).toString('hex'), fixed = false): Cart => {
    const cart: Cart = { id, lines: new Map(), attempt: 1, status: 'open', lang: 'en', fixed, updatedAt: Date.now() };
    if (carts.size >= MAX_CARTS) {
      const oldest = [...carts.values()].filter((c) => !c.fixed).sort((a, b) => a.updatedAt - b.updatedAt)[0];
      if (oldest) carts.delete(oldest.id);
    }
    carts.set(cart.id, cart);
    return cart;
  };

  // The CDN page's cart: a batik shirt and two bags of coffee.
  const cdnCart = newCart(CDN_CART_ID, true);
  cdnCart.lines.set('kemeja-batik', 1);
  cdnCart.lines.set('kopi-gayo', 2);

  function changed(cart: Cart) {
    cart.updatedAt = Date.now();
  }

  return {
    carts,
    orders,
    bills,
    /** `bills.onBillEvent`: the token or receipt of a paid bill, or that it failed (and was refunded). */
    recordBill(event: BillEvent) {
      bills.set(event.chargeId, {
        status: event.status,
        productId: event.productId,
        customerNumber: event.customerNumber,
        // Found by the companion whatever the biller calls them (its keys are labels such as "Token").
        token: event.token,
        kwh: event.kwh,
        receipt: event.receipt,
        failureCode: event.failureCode,
        refunded: event.refunded,
        at: Date.now(),
      });
    },
    getCart(id: string | null | undefined): Cart | undefined {
      return id ? carts.get(id) : undefined;
    },
    /** add (`count` of them, default 1) / inc / dec / remove one product; returns the cart (a new one when `id` is unknown or ordered). */
    updateCart(id: string | null, action: string, productId: string, count = 1): Cart {
      let cart = id ? carts.get(id) : undefined;
      if (cart?.fixed) return cart;
      if (!cart || cart.status !== 'open') cart = newCart();
      if (!productById(productId)) return cart;
      const quantity = cart.lines.get(productId) ?? 0;
      const next =
        action === 'add' || action === 'inc' ? Math.min(quantity + (action === 'add' ? Math.max(1, Math.floor(count) || 1) : 1), MAX_QUANTITY) : action === 'dec' ? quantity - 1 : action === 'remove' ? 0 : quantity;
      if (next === quantity) return cart;
      if (next <= 0) cart.lines.delete(productId);
      else cart.lines.set(productId, next);
      changed(cart);
      return cart;
    },
    /** The checkout page is shown, in `lang` (the return page's links speak it too). */
    markShown(cart: Cart, lang: Lang) {
      cart.lang = lang;
    },
    /** `resolveCheckout`: the trusted order for a cart id, from the shop's data only. */
    resolve(checkout: string): TrustedOrder | null {
      const cart = carts.get(checkout);
      if (!cart || cart.status !== 'open' || cart.lines.size === 0) return null;
      const lines = cartLines(cart);
      const amount = cartTotal(cart);
      const reference = referenceOf(cart);
      snapshots.set(reference, { cartId: cart.id, lines, amount });
      const origin = options.origin();
      return {
        reference_id: reference,
        currency: 'IDR',
        amount,
        order_items: lines.map((line) => {
          const product = productById(line.productId)!;
          return {
            type: product.type,
            reference_id: product.sku,
            name: product.name.en,
            net_unit_amount: line.price,
            quantity: line.quantity,
            url: `${origin}/#${product.id}`,
            category: product.category,
          };
        }),
        customer: SHOPPER,
        metadata: { cart_id: cart.id },
      };
    },
    /**
     * `onPaymentEvent`, as the README's recipe: an order is paid only by `SUCCEEDED` with
     * `paysOrder` (and the amount the shop asked); a duplicate or superseded payment was refunded by
     * the companion and is only noted; once paid, only the paying charge changes the order.
     */
    record(event: PaymentEvent) {
      const snapshot = snapshots.get(event.referenceId);
      let order = orders.get(event.referenceId);
      if (!order) {
        order = {
          reference: event.referenceId,
          cartId: snapshot?.cartId ?? '',
          lines: snapshot?.lines ?? [],
          amount: event.amount,
          currency: event.currency,
          chargeId: event.chargeId,
          channelCode: event.channelCode,
          status: event.status,
          placedAt: Date.now(),
          events: [],
          refundedPayments: [],
        };
        orders.set(order.reference, order);
      }
      if (event.refundedAs) {
        const known = order.refundedPayments.find((p) => p.chargeId === event.chargeId);
        const refundRefused = event.refundRefused === true;
        if (known) Object.assign(known, { status: event.status, refundRefused: known.refundRefused || refundRefused });
        else order.refundedPayments.push({ chargeId: event.chargeId, channelCode: event.channelCode, amount: event.amount, reason: event.refundedAs, status: event.status, refundRefused });
        return;
      }
      if (order.paidBy && event.chargeId !== order.paidBy) return;
      // A later attempt's charge for the same reference (or a newer status of this one).
      order.chargeId = event.chargeId;
      order.channelCode = event.channelCode;
      order.status = event.status;
      order.amount = event.amount;
      order.events.push({ status: event.status, source: event.source, at: Date.now() });
      if (event.status === 'SUCCEEDED' && event.paysOrder) {
        order.paidBy = event.chargeId;
        order.amountMismatch = snapshot !== undefined && snapshot.amount !== event.amount;
      }
      if (event.status === 'REFUNDED' && order.refund) order.refund.status = 'SUCCEEDED';

      const cart = snapshot ? carts.get(snapshot.cartId) : undefined;
      if (!cart || referenceOf(cart) !== event.referenceId) return;
      // One reference for the cart's life: the companion cancels charges made for its earlier
      // contents, and a failed or cancelled payment gives way to a new attempt under the same one.
      // Only the CDN page's fixed cart opens again after a payment, as a new order.
      if (event.status === 'SUCCEEDED' && event.paysOrder) {
        if (cart.fixed) {
          cart.attempt += 1;
        } else cart.status = 'ordered';
      }
    },
    /** The cart an order came from, for the return page's links and language. */
    cartOfReference(reference: string): Cart | undefined {
      const snapshot = snapshots.get(reference);
      return snapshot ? carts.get(snapshot.cartId) : undefined;
    },
  };
}

export type ShopState = ReturnType<typeof createShopState>;

export { PRODUCTS };
