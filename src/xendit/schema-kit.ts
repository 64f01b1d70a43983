/**
 * Building blocks shared by the Xendit schemas. Kept out of `schemas.ts` on purpose: every export
 * of that module is treated as a schema (the fuzz test needs a generator for each).
 */
import * as z from 'zod';

/** An enum that also accepts unknown upper-case values, so a new Xendit status never breaks a parse. */
export function openEnum<const T extends readonly [string, ...string[]]>(_values: T) {
  return z.string().min(1) as unknown as z.ZodType<T[number] | (string & {})>;
}

/** Money the companion checks (a charge's amount): a finite number, never a coerced string. */
export const money = z.number().finite();
export const nonNegativeMoney = money.nonnegative();
export const optionalString = z.string().nullish();

/**
 * Money that is only read back, where Xendit's own SDKs send it otherwise: xendit-java's
 * `PaylaterOrderItem.net_unit_amount` is a String ("5000"). A plain decimal string becomes the
 * same number, decimals kept (xendit-php refunds 1234.56 on IDR); anything else is refused.
 */
export const lenientAmount = z.union([
  money,
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(money),
]);

export const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');
