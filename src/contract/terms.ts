/**
 * `GET {base}/terms`: the providers' terms for one currency, so a page can say "from Rp 58.167 a
 * month with Kredivo" for any price before any customer exists. The companion derives the terms
 * from the providers' own plans answers; the browser computes the options for a price with the
 * functions below, which round exactly as the providers do. The checkout decides availability with
 * the same rule (`eligibility`), so a message never promises what the checkout then refuses.
 * Browser-safe: no imports beyond the contract's own.
 */
import type { UnavailableReason } from './index.js';
import { is, list, num, pick, str, type Check } from './validators.js';

/** One tenor of a provider: how its plan options are computed from an order amount. */
export interface TenorTerms {
  /** Number of payments after the down payment. */
  total_recurrence: number;
  /** `MONTH` */
  interval: string;
  interval_count: number;
  /** Interest in percent per interval, flat on the financed amount (the amount less the down payment). */
  interest_rate: number;
  /** Share of the amount paid up front (0–1); absent: none. */
  downpayment_rate?: number;
  /** The tenor is offered only when each payment is at least this; absent: at every amount in range. */
  min_installment?: number;
  /**
   * True when these terms are not known to match the provider at every amount: the formula did not
   * reproduce every answer seen (`max_error` says by how much), or `min_installment` could not be
   * pinned down and is the smallest payment seen offered (the tenor may start at a lower amount).
   */
  estimate?: true;
  /** With `estimate`: the largest difference seen in any amount of an option, in currency units. */
  max_error?: number;
}

export interface ProviderTerms {
  channel_code: string;
  name: string;
  /** Order amounts the checkout offers this provider for, inclusive, in the answer's currency. */
  min_amount: number;
  max_amount: number;
  /** Shortest first. */
  tenors: TenorTerms[];
}

export interface TermsResponseBody {
  currency: string;
  /** When the oldest of these terms was read from the providers (ISO 8601). */
  updated_at: string;
  providers: ProviderTerms[];
}

/** A plan option computed from the terms: the fields of the checkout's `PlanOption` (no description). */
export interface TermsOption {
  total_amount: number;
  installment_amount: number;
  /** Present when the tenor has a down payment. */
  downpayment_amount?: number;
  interval: string;
  interval_count: number;
  total_recurrence: number;
  interest_rate: number;
  /** Copied from the tenor: the amounts may differ from the provider's by up to its `max_error`. */
  estimate?: true;
}

/** An amount range of a provider: what `eligibility` checks. */
export interface AmountRange {
  currency: string;
  min_amount: number;
  max_amount: number;
}

/** Decimals of a currency's amounts at Xendit: IDR whole rupiah, PHP centavos (others: 2). */
export function currencyDecimals(currency: string): number {
  return currency === 'IDR' ? 0 : 2;
}

/**
 * Whether a provider with this range takes an order of `amount` in `currency`: `null` when it does,
 * else why not. The one rule for it: the checkout's plans and the terms both come from here.
 */
export function eligibility(range: AmountRange, currency: string, amount: number): UnavailableReason | null {
  if (range.currency !== currency) return { code: 'CURRENCY_NOT_SUPPORTED', currency };
  if (amount < range.min_amount) return { code: 'AMOUNT_TOO_LOW', min_amount: range.min_amount, currency: range.currency };
  if (amount > range.max_amount) return { code: 'AMOUNT_TOO_HIGH', max_amount: range.max_amount, currency: range.currency };
  return null;
}

/** An amount as its currency writes it: 999.9999999999999 PHP is 1000, 1000.4 IDR is 1000. */
export function roundAmount(value: number, currency: string): number {
  return roundTo(value, currencyDecimals(currency));
}

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
/** Rounded up; a value a hair above a whole unit (floating point) stays that unit. */
function ceilTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.ceil(value * f - 1e-7) / f;
}

/**
 * The option a tenor gives for `amount`, with the providers' rounding: the down payment rounded to
 * the currency's decimals, the total (down payment + financed amount + flat interest) rounded, the
 * payment rounded up (the provider takes the rounding off the last one). Whether the tenor is
 * offered at that amount is `offers`'s question.
 */
export function tenorOption(tenor: TenorTerms, amount: number, currency: string): TermsOption {
  const decimals = currencyDecimals(currency);
  const n = tenor.total_recurrence;
  const dp = tenor.downpayment_rate ? roundTo(amount * tenor.downpayment_rate, decimals) : 0;
  const financed = amount - dp;
  const interest = (financed * tenor.interest_rate * n) / 100;
  const total = roundTo(dp + financed + interest, decimals);
  const option: TermsOption = {
    total_amount: total,
    installment_amount: ceilTo((total - dp) / n, decimals),
    interval: tenor.interval,
    interval_count: tenor.interval_count,
    total_recurrence: n,
    interest_rate: tenor.interest_rate,
  };
  if (tenor.downpayment_rate) option.downpayment_amount = dp;
  if (tenor.estimate) option.estimate = true;
  return option;
}

/** True when the tenor's option for this amount is offered (each payment at least `min_installment`). */
export function offers(tenor: TenorTerms, option: TermsOption): boolean {
  return tenor.min_installment === undefined || option.installment_amount >= tenor.min_installment;
}

/**
 * The plan options `provider` offers for an order of `amount` in `currency` (the terms' currency),
 * shortest tenor first; none when the amount is out of its range.
 */
export function optionsFor(provider: ProviderTerms, amount: number, currency: string): TermsOption[] {
  // `eligibility`'s range rule (the currency is the terms' own), without the reason it would build.
  if (amount < provider.min_amount || amount > provider.max_amount) return [];
  return provider.tenors.map((tenor) => tenorOption(tenor, amount, currency)).filter((option, i) => offers(provider.tenors[i]!, option));
}

/** The option with the lowest payment ("from Rp 58.167 a month"), or null when none is offered. */
export function lowestInstallment(provider: ProviderTerms, amount: number, currency: string): TermsOption | null {
  let best: TermsOption | null = null;
  for (const option of optionsFor(provider, amount, currency)) {
    if (!best || option.installment_amount < best.installment_amount) best = option;
  }
  return best;
}

/** `check`, for a field that may be absent (or null): then left out. */
const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, path) =>
    v == null ? undefined : check(v, path);
const optionalNum = optional(num);
const positiveInt: Check<number> = (v, path) => is(Number.isInteger(v) && (v as number) > 0, v, path, 'a positive whole number');

const tenorTerms: Check<TenorTerms> = (v, path) =>
  pick(v, path, {
    total_recurrence: positiveInt,
    interval: str,
    interval_count: positiveInt,
    interest_rate: num,
    downpayment_rate: optional((d, at) => is(num(d, at) >= 0 && (d as number) < 1, d, at, 'a share from 0 to 1')),
    min_installment: optionalNum,
    estimate: (v) => (v === true || undefined),
    max_error: optionalNum,
  });

const providerTerms: Check<ProviderTerms> = (v, path) =>
  pick(v, path, { channel_code: str, name: str, min_amount: num, max_amount: num, tenors: list(tenorTerms) });

/** `GET {base}/terms` → the terms, checked (throws naming the first field that breaks the contract). */
export const parseTermsResponse = (value: unknown): TermsResponseBody =>
  pick(value, 'terms', { currency: str, updated_at: str, providers: list(providerTerms) });
