/**
 * zod schemas for every Xendit request and response this project speaks (see XENDIT_API.md),
 * one file per API: customer-schemas.ts, paylater-schemas.ts, bill-schemas.ts.
 *
 * Rules kept everywhere:
 * - requests are checked strictly (the simulator validates with them too);
 * - an answer requires only the fields src/server reads, accepts the rest (null where Xendit's
 *   SDK fixtures show null), and keeps unknown fields (`z.looseObject`), so a new or differently
 *   spelled Xendit field never breaks parsing;
 * - status strings outside the known set are tolerated (typed as the known union or `string`);
 * - money is a finite number and may carry decimals (PHP, and IDR refunds such as 1234.56); where
 *   an SDK sends an echoed amount as a numeric string, it is read as that number.
 *
 * Every export of this module must be a schema (or a constant list): the fuzz test needs a
 * generator for each schema. Helpers live in schema-kit.ts.
 */
import * as z from 'zod';

/** Xendit's error body: `{ error_code, message, errors? }`. */
export const XenditErrorBody = z.looseObject({
  error_code: z.string(),
  message: z.string().optional(),
  errors: z.array(z.unknown()).nullish(),
});
export type XenditErrorBody = z.infer<typeof XenditErrorBody>;

export * from './customer-schemas.js';
export * from './paylater-schemas.js';
export * from './bill-schemas.js';
