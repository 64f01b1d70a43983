/** Customers (`/customers`): what this project sends, and what it reads back. See XENDIT_API.md. */
import * as z from 'zod';
import { optionalString } from './schema-kit.js';

export const CUSTOMER_API_VERSION = '2020-10-31';

/** An address as this project sends it: the docs' spelling, `country` required. */
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

/**
 * An address as Xendit answers it. Nothing here is read by the companion, so nothing is required,
 * and both spellings pass: the docs' `country`/`street_line1`/`street_line2` and the xendit-node 7
 * `customer/models/AddressRequest.ts` spelling `country_code`/`line_1`/`line_2`/`suburb`
 * (its `country_code` may even be null).
 */
export const CustomerAddressResponse = CustomerAddress.extend({
  country: optionalString,
  country_code: optionalString,
  line_1: optionalString,
  line_2: optionalString,
  suburb: optionalString,
});
export type CustomerAddressResponse = z.infer<typeof CustomerAddressResponse>;

const mobileNumber = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +628123456789');

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
  mobile_number: mobileNumber.nullish(),
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
  mobile_number: mobileNumber.nullish(),
  addresses: z.array(CustomerAddress).nullish(),
  description: optionalString,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type LegacyCustomerCreateRequest = z.infer<typeof LegacyCustomerCreateRequest>;

/**
 * A customer as Xendit returns it, in either API version's shape (2020-10-31 nested with a
 * `cust-` id; 2020-05-19 flat with a plain UUID, as in xendit-php `tests/Xendit/CustomersTest.php`).
 * The companion reads only `id`; the rest is accepted as sent, null where the fixtures show null.
 */
export const Customer = z.looseObject({
  id: z.string().min(1),
  reference_id: optionalString,
  type: optionalString,
  individual_detail: z.looseObject({ given_names: optionalString, surname: optionalString }).nullish(),
  given_names: optionalString,
  surname: optionalString,
  email: optionalString,
  mobile_number: optionalString,
  addresses: z.array(CustomerAddressResponse).nullish(),
  created: optionalString,
  updated: optionalString,
});
export type Customer = z.infer<typeof Customer>;

/**
 * `GET /customers?reference_id=`: `{ data, has_more }` with API-VERSION 2020-10-31. Without that
 * header Xendit answers a bare array (xendit-php `tests/Xendit/CustomersTest.php`,
 * testIsCustomerGettable): read as the same list, so a dropped header cannot lose the customer.
 */
export const CustomerList = z.preprocess(
  (value) => (Array.isArray(value) ? { data: value } : value),
  z.looseObject({
    data: z.array(Customer),
    has_more: z.boolean().nullish(),
  }),
);
export type CustomerList = z.infer<typeof CustomerList>;
