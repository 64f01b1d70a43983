/**
 * The order model: what `resolveCheckout` returns (the trusted order), what `onPaymentEvent`
 * receives, and the few things done with an order before any money moves (resolve and check it,
 * fingerprint its contents, make sure its Xendit customer exists).
 */
import * as z from 'zod';
import { roundAmount } from '../../contract/terms.js';
import { OrderItem, type Charge } from '../../xendit/schemas.js';
import { XenditConflictError, XenditError } from '../../xendit/errors.js';
import type { XenditClient } from '../../xendit/client.js';
import { canonicalJson, sha256Hex } from '../crypto.js';
import { CompanionError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Flights } from '../single-flight.js';
import type { Store } from '../store.js';
import { DEFAULTS } from './options.js';

/** The trusted order `resolveCheckout` returns: from the merchant's own data, never from the browser. */
export const TrustedOrder = z.object({
  reference_id: z.string().min(1).max(255),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an upper-case ISO 4217 code, such as IDR or PHP'),
  amount: z.number().finite().positive(),
  order_items: z.array(OrderItem).min(1),
  customer: z.object({
    reference_id: z.string().min(1).max(255),
    given_names: z.string().min(1),
    surname: z.string().min(1).optional(),
    email: z.email().optional(),
    // As the shop keeps it (+62 812-3456-7890, 0917 123 4567, 639171234567...): `checkOrder` makes
    // it E.164, or leaves it out with a warning when it is no phone number.
    mobile_number: z.string().optional(),
    addresses: z
      .array(
        z.looseObject({
          country: z.string().length(2),
          street_line1: z.string().min(1),
          street_line2: z.string().optional(),
          city: z.string().min(1),
          province_state: z.string().optional(),
          postal_code: z.string().min(1),
        }),
      )
      .optional(),
  }),
  channels: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type TrustedOrder = z.infer<typeof TrustedOrder>;

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'REFUNDED' | 'EXPIRED' | 'VOIDED' | (string & {});

/** Why the companion refunded a payment in full by itself. */
export type RefundedAs = 'DUPLICATE' | 'SUPERSEDED' | 'CANCELLED';

/** What `onPaymentEvent` receives: once per charge and status. */
export interface PaymentEvent {
  chargeId: string;
  status: PaymentStatus;
  referenceId: string;
  amount: number;
  currency: string;
  channelCode: string;
  /** Where the companion learnt it: Xendit's callback, a status refresh, or a back-office call. */
  source: 'webhook' | 'refresh' | 'back-office';
  /** The Xendit charge object as last seen. */
  charge: Charge;
  /**
   * True on the events of the one charge that pays the order (its keeper). Mark an order paid
   * only on `status === 'SUCCEEDED' && paysOrder`, and check that `amount` is the order's.
   */
  paysOrder: boolean;
  /**
   * Set when this charge was paid but does not pay the order, so the companion refunded it in full:
   * `DUPLICATE` (another charge had already paid the order: the shopper completed two providers'
   * pages), `SUPERSEDED` (it was made for the order's earlier contents, before the cart changed) or
   * `CANCELLED` (the companion or your back office had cancelled it, and the shopper paid on its
   * page anyway; the provider refunds such a payment too). Never fulfil the order for such an event.
   */
  refundedAs?: RefundedAs;
  /** With `refundedAs: 'DUPLICATE'`: the id of the charge that paid the order. */
  duplicateOf?: string;
  /**
   * With `refundedAs`: the provider refused the refund (it takes none through the API: Atome,
   * UangMe, Cashalo). Refund this payment by hand; the companion also logged an error.
   */
  refundRefused?: true;
}

/** Resolves a checkout handle into the trusted order, checked; 404 when unknown. */
export function checkOrder(order: unknown, logger: Logger): TrustedOrder {
  if (order === null || order === undefined) {
    throw new CompanionError(404, 'CHECKOUT_NOT_FOUND', 'This checkout was not found. Please return to the cart.');
  }
  const parsed = TrustedOrder.safeParse(order);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    logger.error('resolveCheckout returned an invalid order', { field: issue.path.join('.'), problem: issue.message });
    throw new CompanionError(500, 'INTERNAL', 'This checkout cannot be paid with PayLater right now.');
  }
  const { data } = parsed;
  // What Xendit refuses, said here with the field (not as every provider "unavailable"): IDR in
  // whole rupiah, other currencies in cents at most; the amount the sum of the items (a discount is
  // a lower item price: Xendit takes no negative item).
  const decimals = data.currency === 'IDR' ? 0 : 2;
  const exact = (value: number) => Math.abs(value * 10 ** decimals - Math.round(value * 10 ** decimals)) < 1e-6;
  const fractional = [['amount', data.amount] as const, ...data.order_items.map((item, i) => [`order_items.${i}.net_unit_amount`, item.net_unit_amount] as const)].find(([, value]) => !exact(value));
  const sum = data.order_items.reduce((total, item) => total + item.net_unit_amount * item.quantity, 0);
  const problem = fractional
    ? { field: fractional[0], problem: `${fractional[1]} has more decimals than ${data.currency} takes (${decimals})` }
    : Math.abs(sum - data.amount) > 0.005
      ? { field: 'amount', problem: `${data.amount} is not the sum of the items (net_unit_amount × quantity = ${sum}); give a discount as a lower item price` }
      : undefined;
  if (problem) {
    logger.error('resolveCheckout returned an invalid order', { reference_id: data.reference_id, ...problem });
    throw new CompanionError(500, 'INTERNAL', 'This checkout cannot be paid with PayLater right now.');
  }
  // From here on the order is in canonical form, so that eligibility, Xendit, the fingerprint and
  // the check of Xendit's charge all see one value: amounts as the currency writes them (a cart
  // summed in floating point, 999.9999999999999, is the ₱1,000.00 it says), the mobile in E.164.
  const customer = withE164Mobile(data.customer, data.currency);
  if (data.customer.mobile_number?.trim() && !customer.mobile_number) {
    logger.warn('the customer\u2019s mobile number is not one; it is not sent to Xendit', { reference_id: data.reference_id, field: 'customer.mobile_number' });
  }
  return {
    ...data,
    amount: roundAmount(data.amount, data.currency),
    order_items: data.order_items.map((item) => ({ ...item, net_unit_amount: roundAmount(item.net_unit_amount, data.currency) })),
    customer,
  };
}

/** The customer with its mobile number in E.164 (`e164Mobile`), or without one when it is none. */
export function withE164Mobile(customer: TrustedOrder['customer'], currency: string): TrustedOrder['customer'] {
  const { mobile_number: given, ...rest } = customer;
  const mobile = given === undefined ? undefined : e164Mobile(given, currency);
  return mobile ? { ...rest, mobile_number: mobile } : rest;
}

/** What is paid for: items, amount, currency, customer (not the merchant's channel list or metadata). */
export function orderFingerprint(order: TrustedOrder): Promise<string> {
  const { channels: _channels, metadata: _metadata, ...money } = order;
  return sha256Hex(canonicalJson(money));
}

// ---------------------------------------------------------------- customer normalisation

/**
 * Xendit's rules for a customer (docs.xendit.co/apidocs/create-customer-request): `given_names` and
 * `surname` "Alphanumeric. No special characters is allowed.", max length 50; `email` at most 50.
 * A shopper is not refused plans for their name: what is sent is made to fit.
 */
export const CUSTOMER_LIMITS = { name: 50, email: 50 } as const;

/** Letters NFKD does not take apart (it only splits off accents): folded by hand. */
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', þ: 'th', Þ: 'Th' };

/** Cut at `max` characters, at the last space that fits when there is one (never mid-word unless one word is too long). */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return (space > 0 ? text.slice(0, space) : text.slice(0, max)).trim();
}

/**
 * A name as Xendit accepts it: accents folded (José → Jose; the docs say alphanumeric, so only
 * ASCII letters are sure to pass), apostrophes dropped (O'Brien → OBrien, Nur'aini → Nuraini, as
 * such names are commonly written without one), any other mark a space (José-María → Jose Maria),
 * spaces collapsed, at most 50 characters cut on a word boundary. Empty when nothing is left.
 */
export function normaliseName(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/g, (c) => FOLD[c] ?? c)
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim();
  return cutAtWord(folded, CUSTOMER_LIMITS.name);
}

/** The country calling code of a currency's country, for a number written without it. */
const CALLING_CODE: Record<string, string> = { IDR: '62', PHP: '63' };

/**
 * A mobile number as E.164, the form every Xendit sample shows (the local form is in one docs page
 * only), from the ways shops keep one: spaces, dashes, dots, brackets and a `(0)` dropped, `00` read as `+`,
 * the country code without `+` (62812…, 63917…) given one; a local number (0812…, 0917…, or
 * without its 0: 812…, 917…) takes the calling code of the order's currency's country (+62 for
 * IDR, +63 for PHP). Undefined when what is left is no phone number.
 */
export function e164Mobile(mobile: string, currency: string): string | undefined {
  const number = mobile.replace(/\(0\)/, '').replace(/[\s\-.()/]/g, '').replace(/^00/, '+');
  const country = CALLING_CODE[currency] ?? ({ 8: '62', 9: '63' } as Record<string, string>)[number.replace(/^0/, '')[0]!];
  let e164 = number;
  if (/^6[23][89]\d{8,}$/.test(number)) e164 = `+${number}`;
  else if (/^0[1-9]|^[89]/.test(number) && country) e164 = `+${country}${number.replace(/^0/, '')}`;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : undefined;
}

/** What is sent to Xendit for the order's customer (checked by `checkOrder`, the mobile already E.164): names made to fit; an email over 50 left out rather than refused. */
export function customerBody(customer: TrustedOrder['customer']) {
  let given = normaliseName(customer.given_names);
  let surname = customer.surname ? normaliseName(customer.surname) : '';
  // given_names is required: when nothing of it is left (a name in another script), the surname
  // takes its place; when neither is, the name goes as given (Thai, Chinese: letters all the same)
  // and Xendit decides. A name with no letter or digit in any script (`!!!`, emoji, a nickname of
  // symbols) is no name Xendit takes: `Customer` stands for it, rather than no plans at all.
  // Of a name in another script, only its letters (marks too: Thai vowels), digits and spaces go.
  if (!given) [given, surname] = surname ? [surname, ''] : [cutAtWord(customer.given_names.replace(/[^\p{L}\p{M}\p{Nd}]+/gu, ' ').trim(), CUSTOMER_LIMITS.name), ''];
  if (!/[\p{L}\p{Nd}]/u.test(given)) [given, surname] = ['Customer', ''];
  const email = customer.email && customer.email.length <= CUSTOMER_LIMITS.email ? customer.email : undefined;
  return {
    reference_id: customer.reference_id,
    type: 'INDIVIDUAL' as const,
    individual_detail: { given_names: given, ...(surname ? { surname } : {}) },
    ...(email ? { email } : {}),
    ...(customer.mobile_number ? { mobile_number: customer.mobile_number } : {}),
    ...(customer.addresses ? { addresses: customer.addresses } : {}),
  };
}

/** Xendit says the customer's reference exists (409 DUPLICATE_ERROR, or 400 DUPLICATE_END_CUSTOMER_ERROR): look it up. */
function customerExists(error: unknown): boolean {
  return error instanceof XenditConflictError || (error instanceof XenditError && /DUPLICATE/.test(error.code));
}

/** The order's Xendit customer id: created once per merchant customer, cached, looked up when Xendit says it exists. */
export async function ensureCustomer(
  { xendit, store, flights, ttlMs, waitMs }: { xendit: XenditClient; store: Store; flights: Flights; ttlMs: number; waitMs: number },
  customer: TrustedOrder['customer'],
): Promise<string> {
  const cacheKey = `customer:${customer.reference_id}`;
  const cached = await store.get(cacheKey);
  if (cached) return cached;
  // A shopper's request: Xendit's long rate-limit waits are not waited out.
  const call = { maxRetryDelayMs: DEFAULTS.shopperRetryWaitMs };
  return flights(
    cacheKey,
    async () => {
      let id: string;
      try {
        // A returning customer is normal: the duplicate answer is expected (logged at debug, not warn).
        const created = await xendit.customers.create(customerBody(customer), { ...call, expectedError: customerExists });
        id = created.id;
      } catch (error) {
        if (!customerExists(error)) throw error;
        const existing = await xendit.customers.getByReferenceId(customer.reference_id, call);
        if (!existing) throw error;
        id = existing.id;
      }
      await store.set(cacheKey, id, { ttlMs, cache: true });
      return id;
    },
    { waitMs },
  );
}
