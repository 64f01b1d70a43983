/**
 * PayLater (`/paylater`): requests as this project sends them (strict: the simulator checks them
 * too), answers as Xendit sends them (each requires only what the companion reads; the rest is
 * accepted, null where Xendit's SDK fixtures show null, unknown fields kept). See XENDIT_API.md.
 */
import * as z from 'zod';
import { httpUrl, lenientAmount, money, nonNegativeMoney, openEnum, optionalString } from './schema-kit.js';

export const PAYLATER_CHANNELS = [
  'ID_KREDIVO',
  'ID_AKULAKU',
  'ID_INDODANA',
  'ID_ATOME',
  'ID_UANGME',
  'PH_BILLEASE',
  'PH_CASHALO',
] as const;
export type PaylaterChannel = (typeof PAYLATER_CHANNELS)[number];

export const ORDER_ITEM_TYPES = [
  'PRODUCT',
  'SERVICE',
  'DIGITAL_PRODUCT',
  'PHYSICAL_PRODUCT',
  'DIGITAL_SERVICE',
  'PHYSICAL_SERVICE',
] as const;

/** An order item as this project sends it (and as the companion takes it from the merchant). */
export const OrderItem = z.looseObject({
  type: z.enum(ORDER_ITEM_TYPES),
  reference_id: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  net_unit_amount: nonNegativeMoney,
  quantity: z.number().int().positive(),
  url: httpUrl,
  category: z.string().min(1).max(255),
  subcategory: optionalString,
  description: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type OrderItem = z.infer<typeof OrderItem>;

/**
 * An order item echoed back in a plans or charge answer. Xendit echoes what it was sent, and
 * xendit-java sends `net_unit_amount` as a String ("5000", `model/PaylaterOrderItem.java`): a
 * numeric string is read as that number, decimals kept. Nothing in it is required.
 */
export const EchoedOrderItem = z.looseObject({
  type: optionalString,
  reference_id: optionalString,
  name: optionalString,
  net_unit_amount: lenientAmount.nullish(),
  quantity: lenientAmount.nullish(),
  url: optionalString,
  category: optionalString,
  subcategory: optionalString,
  description: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type EchoedOrderItem = z.infer<typeof EchoedOrderItem>;

export const PlansRequest = z.looseObject({
  customer_id: z.string().min(1),
  channel_code: z.string().min(1),
  currency: z.string().length(3),
  amount: money.positive(),
  order_items: z.array(OrderItem).min(1),
});
export type PlansRequest = z.infer<typeof PlansRequest>;

/** One plan option: every number is shown to the shopper, so all are required. */
export const PlanOption = z.looseObject({
  total_amount: money,
  installment_amount: money,
  downpayment_amount: money.nullish(),
  interval: openEnum(['MONTH'] as const),
  interval_count: z.number().int(),
  total_recurrence: z.number().int(),
  interest_rate: z.number(),
  description: z.string().nullish(),
});
export type PlanOption = z.infer<typeof PlanOption>;

/** The plans answer: the companion reads `id` and `options`; the echo of the request is optional. */
export const Plans = z.looseObject({
  id: z.string().min(1),
  customer_id: optionalString,
  channel_code: optionalString,
  currency: optionalString,
  amount: lenientAmount.nullish(),
  order_items: z.array(EchoedOrderItem).nullish(),
  options: z.array(PlanOption),
  created: optionalString,
});
export type Plans = z.infer<typeof Plans>;

export const ChargeRequest = z.looseObject({
  plan_id: z.string().min(1),
  reference_id: z.string().min(1).max(255),
  checkout_method: z.literal('ONE_TIME_PAYMENT'),
  // The guide's own sample uses "https://https://..." — a URL the WHATWG parser accepts.
  success_redirect_url: httpUrl,
  failure_redirect_url: httpUrl.optional(),
  payment_method_id: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type ChargeRequest = z.infer<typeof ChargeRequest>;

export const CHARGE_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED', 'EXPIRED', 'VOIDED'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number] | (string & {});

export const ChargeActions = z.looseObject({
  desktop_web_checkout_url: z.string().nullish(),
  mobile_web_checkout_url: z.string().nullish(),
  mobile_deeplink_checkout_url: z.string().nullish(),
});

/**
 * A charge. Required: what the companion reads and checks against the order (`id`, `reference_id`,
 * `currency`, `amount`, `channel_code`, `status`). `amount` stays a strict number: it is compared
 * with the order's amount before the shopper is sent to pay.
 */
export const Charge = z.looseObject({
  id: z.string().min(1),
  business_id: optionalString,
  reference_id: z.string(),
  customer_id: optionalString,
  plan_id: optionalString,
  currency: z.string(),
  amount: money,
  channel_code: z.string(),
  checkout_method: optionalString,
  status: openEnum(CHARGE_STATUSES),
  actions: ChargeActions.nullish(),
  success_redirect_url: optionalString,
  failure_redirect_url: optionalString,
  callback_url: optionalString,
  created: optionalString,
  updated: optionalString,
  order_items: z.array(EchoedOrderItem).nullish(),
  voided_at: optionalString,
  payment_method_id: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
  channel_reference: optionalString,
  refunded_amount: lenientAmount.nullish(),
  refunds: z.unknown().optional(),
});
export type Charge = z.infer<typeof Charge>;

export const REFUND_REASONS = [
  'DUPLICATE',
  'FRAUDULENT',
  'CHANGE_OF_MIND',
  'CHANGE_PAYMENT_METHOD',
  'UNFULFILLED_ITEM',
  'DEFECTIVE_ITEM',
  'OTHERS',
] as const;

/** Refund body: empty for a full refund, or an amount and a reason. */
export const RefundRequest = z.looseObject({
  amount: money.positive().optional(),
  reason: z.enum(REFUND_REASONS).optional(),
});
export type RefundRequest = z.infer<typeof RefundRequest>;

/** PENDING, then SUCCEEDED or FAILED (xendit-java `model/PaylaterEnum.java` RefundStatus). */
export const REFUND_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;

/**
 * A refund. The companion reads `id`, `charge_id` and `status`; the rest is optional. xendit-php's
 * fixture (`tests/Xendit/PayLaterTest.php`) has no `currency` and `updated: null`; a FAILED refund
 * carries a `failure_code` such as INSUFFICIENT_BALANCE (xendit-java `PaylaterEnum.RefundFailureReason`).
 * xendit-java's `model/PaylaterRefund.java` names the id `refund_id`: read as `id` when `id` is absent.
 */
export const Refund = z.preprocess(
  (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    return record.id === undefined && typeof record.refund_id === 'string' ? { ...record, id: record.refund_id } : value;
  },
  z.looseObject({
    id: z.string().min(1),
    charge_id: z.string().min(1),
    channel_code: optionalString,
    currency: optionalString,
    amount: lenientAmount.nullish(),
    reason: optionalString,
    status: openEnum(REFUND_STATUSES),
    failure_code: optionalString,
    created: optionalString,
    updated: optionalString,
  }),
);
export type Refund = z.infer<typeof Refund>;

/**
 * `GET /paylater/charges/{id}/refunds` (xendit-php `src/PayLater.php` listPayLaterRefund). The SDK's
 * fixture is `{ "has_more": false }` with no `data` at all: read as no refunds.
 */
export const RefundList = z.looseObject({
  data: z.array(Refund).nullish().transform((data) => data ?? []),
  has_more: z.boolean().nullish(),
});
export type RefundList = z.infer<typeof RefundList>;

/** The PayLater callback: `paylater.payment` carries a charge, `paylater.refund` a refund; others are kept. */
export const PaylaterCallback = z.looseObject({
  event: z.string().min(1),
  business_id: optionalString,
  created: optionalString,
  // What `data` holds depends on the event (a charge, a refund whose id may be spelled `refund_id`,
  // or an event this project does not know, which is kept and answered 2xx): each is checked by
  // its own schema where it is read.
  data: z.looseObject({}),
});
export type PaylaterCallback = z.infer<typeof PaylaterCallback>;
