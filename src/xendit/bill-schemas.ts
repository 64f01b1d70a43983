/**
 * Bill Payments (`/bill-payments/v1`): requests strict, answers requiring only what the bills
 * plug-in reads (src/server/bills), the rest accepted as sent. See XENDIT_API.md.
 */
import * as z from 'zod';
import { money, nonNegativeMoney, openEnum, optionalString } from './schema-kit.js';

export const BillDetail = z.looseObject({ key: z.string(), value: z.string().nullable() });
export type BillDetail = z.infer<typeof BillDetail>;

/** Detail lists default to empty: Xendit may leave them out. */
const details = z.array(BillDetail).default([]);

/** A product; the plug-in lists id, name, category, biller, currency, inquiry need, availability. */
export const BillProduct = z.looseObject({
  type: optionalString,
  id: z.string().min(1),
  properties: z.looseObject({
    product_name: z.string(),
    category: z.string(),
    biller: z.string(),
    country: optionalString,
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

/** An inquiry: the plug-in reads its id, the three amounts, the currency and the details. */
export const Inquiry = z.looseObject({
  data: z.looseObject({
    business_id: optionalString,
    type: optionalString,
    id: z.string().min(1),
    properties: z.looseObject({
      product_id: optionalString,
      admin_amount: money,
      base_amount: money,
      total_amount: money,
      currency: z.string(),
      customer_number: optionalString,
      customer_details: details,
      product_details: details,
      bill_details: details,
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

/** A bill payment: the plug-in reads its id, status, failure and payment details (the token). */
export const BillPayment = z.looseObject({
  data: z.looseObject({
    business_id: optionalString,
    type: optionalString,
    id: z.string().min(1),
    properties: z.looseObject({
      product_id: optionalString,
      customer_number: optionalString,
      reference_id: optionalString,
      admin_amount: money.nullish(),
      base_amount: money.nullish(),
      total_amount: money.nullish(),
      currency: optionalString,
      status: openEnum(BILL_PAYMENT_STATUSES),
      fulfilled_at: optionalString,
      failure_code: optionalString,
      failure_reason: optionalString,
      customer_details: details,
      product_details: details,
      bill_details: details,
      payment_details: details,
    }),
  }),
});
export type BillPayment = z.infer<typeof BillPayment>;
