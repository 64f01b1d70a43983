/**
 * zod schemas for every Xendit request and response this project speaks (see XENDIT_API.md).
 *
 * Rules kept everywhere:
 * - unknown fields are kept (`z.looseObject`), so a new Xendit field never breaks parsing;
 * - status strings outside the known set are tolerated (typed as the known union or `string`);
 * - money is a finite number and may carry decimals (PHP);
 * - nullable where Xendit sends `null` in its samples.
 */
import * as z from 'zod';

/** An enum that also accepts unknown upper-case values, so a new Xendit status never breaks a parse. */
function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().min(1) as unknown as z.ZodType<T[number] | (string & {})>;
}

const money = z.number().finite();
const nonNegativeMoney = money.nonnegative();
const optionalString = z.string().nullish();
const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

// ---------------------------------------------------------------- common

/** Xendit's error body: `{ error_code, message, errors? }`. */
export const XenditErrorBody = z.looseObject({
  error_code: z.string(),
  message: z.string().optional(),
  errors: z.array(z.unknown()).nullish(),
});
export type XenditErrorBody = z.infer<typeof XenditErrorBody>;

// ---------------------------------------------------------------- customers

export const CUSTOMER_API_VERSION = '2020-10-31';

export const CustomerAddress = z.looseObject({
  country: z.string().min(2),
  street_line1: optionalString,
  street_line2: optionalString,
  city: optionalString,
  province_state: optionalString,
  province: optionalString,
  state: optionalString,
  postal_code: optionalString,
  category: optionalString,
  is_primary: z.boolean().nullish(),
  is_preferred: z.boolean().nullish(),
});
export type CustomerAddress = z.infer<typeof CustomerAddress>;

/** Create-customer body, API version 2020-10-31 (what this project sends). */
export const CustomerCreateRequest = z.looseObject({
  reference_id: z.string().min(1).max(255),
  type: z.enum(['INDIVIDUAL', 'BUSINESS']),
  individual_detail: z
    .looseObject({
      given_names: z.string().min(1),
      surname: optionalString,
      nationality: optionalString,
      date_of_birth: optionalString,
      gender: optionalString,
    })
    .optional(),
  business_detail: z.looseObject({ business_name: z.string().min(1) }).optional(),
  email: z.email().nullish(),
  mobile_number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +628123456789').nullish(),
  addresses: z.array(CustomerAddress).nullish(),
  description: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
}).superRefine((body, ctx) => {
  const field = body.type === 'INDIVIDUAL' ? 'individual_detail' : 'business_detail';
  if (!body[field]) ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required for type ${body.type}` });
});
export type CustomerCreateRequest = z.infer<typeof CustomerCreateRequest>;

/** Create-customer body, API version 2020-05-19: the flat shape used by the PayLater guide. */
export const LegacyCustomerCreateRequest = z.looseObject({
  reference_id: z.string().min(1).max(255),
  given_names: z.string().min(1),
  surname: optionalString,
  email: z.email().nullish(),
  mobile_number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +628123456789').nullish(),
  addresses: z.array(CustomerAddress).nullish(),
  description: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type LegacyCustomerCreateRequest = z.infer<typeof LegacyCustomerCreateRequest>;

/** A customer as Xendit returns it, in either API version's shape. */
export const Customer = z.looseObject({
  id: z.string().min(1),
  reference_id: z.string(),
  type: optionalString,
  individual_detail: z.looseObject({ given_names: optionalString, surname: optionalString }).nullish(),
  given_names: optionalString,
  surname: optionalString,
  email: optionalString,
  mobile_number: optionalString,
  addresses: z.array(CustomerAddress).nullish(),
  created: optionalString,
  updated: optionalString,
});
export type Customer = z.infer<typeof Customer>;

export const CustomerList = z.looseObject({
  data: z.array(Customer),
  has_more: z.boolean().optional(),
});
export type CustomerList = z.infer<typeof CustomerList>;

// ---------------------------------------------------------------- PayLater

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

export const PlansRequest = z.looseObject({
  customer_id: z.string().min(1),
  channel_code: z.string().min(1),
  currency: z.string().length(3),
  amount: money.positive(),
  order_items: z.array(OrderItem).min(1),
});
export type PlansRequest = z.infer<typeof PlansRequest>;

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

export const Plans = z.looseObject({
  id: z.string().min(1),
  customer_id: z.string(),
  channel_code: z.string(),
  currency: z.string(),
  amount: money,
  order_items: z.array(z.looseObject({})).nullish(),
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
  order_items: z.array(z.looseObject({})).nullish(),
  voided_at: optionalString,
  payment_method_id: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
  channel_reference: optionalString,
  refunded_amount: money.nullish(),
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

export const REFUND_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;

export const Refund = z.looseObject({
  id: z.string().min(1),
  charge_id: z.string(),
  channel_code: optionalString,
  currency: z.string(),
  amount: money,
  reason: optionalString,
  status: openEnum(REFUND_STATUSES),
  failure_code: optionalString,
  created: optionalString,
  updated: optionalString,
});
export type Refund = z.infer<typeof Refund>;

/** The PayLater callback: `paylater.payment` carries a charge, `paylater.refund` a refund; others are kept. */
export const PaylaterCallback = z.looseObject({
  event: z.string().min(1),
  business_id: optionalString,
  created: optionalString,
  data: z.looseObject({ id: z.string().min(1) }),
});
export type PaylaterCallback = z.infer<typeof PaylaterCallback>;

// ---------------------------------------------------------------- Bill Payments

export const BillDetail = z.looseObject({ key: z.string(), value: z.string().nullable() });
export type BillDetail = z.infer<typeof BillDetail>;

export const BillProduct = z.looseObject({
  type: z.string(),
  id: z.string().min(1),
  properties: z.looseObject({
    product_name: z.string(),
    category: z.string(),
    biller: z.string(),
    country: z.string(),
    currency: z.string(),
    requires_inquiry: z.boolean(),
    availability_status: z.string(),
    admin_amount: money.nullish(),
    base_amount: money.nullish(),
    total_amount: money.nullish(),
  }),
});
export type BillProduct = z.infer<typeof BillProduct>;

export const BillProductList = z.looseObject({
  limit: z.number().int().nullish(),
  cursor: z.string().nullish(),
  next_cursor: z.string().nullish(),
  data: z.array(BillProduct),
});
export type BillProductList = z.infer<typeof BillProductList>;

export const BillProductQuery = z.looseObject({
  id: z.string().optional(),
  biller: z.string().optional(),
  category: z.string().optional(),
  country: z.string().optional(),
  availability_status: z.string().optional(),
  requires_inquiry: z.boolean().optional(),
  limit: z.number().int().positive().max(100).optional(),
  cursor: z.string().optional(),
});
export type BillProductQuery = z.infer<typeof BillProductQuery>;

export const InquiryRequest = z.looseObject({
  product_id: z.string().min(1),
  customer_number: z.string().min(1),
  additional_properties: z.record(z.string(), z.unknown()).nullish(),
});
export type InquiryRequest = z.infer<typeof InquiryRequest>;

export const Inquiry = z.looseObject({
  data: z.looseObject({
    business_id: optionalString,
    type: z.string(),
    id: z.string().min(1),
    properties: z.looseObject({
      product_id: z.string(),
      admin_amount: money,
      base_amount: money,
      total_amount: money,
      currency: z.string(),
      customer_number: z.string(),
      customer_details: z.array(BillDetail).default([]),
      product_details: z.array(BillDetail).default([]),
      bill_details: z.array(BillDetail).default([]),
    }),
  }),
});
export type Inquiry = z.infer<typeof Inquiry>;

export const BillPaymentRequest = z.looseObject({
  product_id: z.string().min(1),
  customer_number: z.string().min(1),
  inquiry_id: z.string().min(1).optional(),
  reference_id: z.string().min(1).max(255),
  total_amount: nonNegativeMoney,
  additional_properties: z.record(z.string(), z.unknown()).nullish(),
});
export type BillPaymentRequest = z.infer<typeof BillPaymentRequest>;

export const BILL_PAYMENT_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;

export const BillPayment = z.looseObject({
  data: z.looseObject({
    business_id: optionalString,
    type: z.string(),
    id: z.string().min(1),
    properties: z.looseObject({
      product_id: z.string(),
      customer_number: z.string(),
      reference_id: z.string(),
      admin_amount: money.nullish(),
      base_amount: money.nullish(),
      total_amount: money,
      currency: z.string(),
      status: openEnum(BILL_PAYMENT_STATUSES),
      fulfilled_at: optionalString,
      failure_code: optionalString,
      failure_reason: optionalString,
      customer_details: z.array(BillDetail).default([]),
      product_details: z.array(BillDetail).default([]),
      bill_details: z.array(BillDetail).default([]),
      payment_details: z.array(BillDetail).default([]),
    }),
  }),
});
export type BillPayment = z.infer<typeof BillPayment>;
