/**
 * PayLater channels as the simulator plays them: currency, min/max (XENDIT_API.md's table), the
 * tenures and interest each provider offers, and how plan options are computed.
 * Options are estimates in the providers' style (Xendit: "the final plan is chosen on the
 * provider's page"); the rates are plausible public figures, not contractual ones.
 */
import type { PlanOption } from '../xendit/schemas.js';
import { currencyDecimals } from './responses.js';

export interface TenureSpec {
  /** Number of monthly payments. */
  months: number;
  /** Flat interest per month, in percent (e.g. 2.6). */
  monthlyRate: number;
}

export interface ChannelSpec {
  /** The provider's name, shown on its checkout page. */
  name: string;
  currency: 'IDR' | 'PHP';
  min: number;
  max: number;
  /** True where XENDIT_API.md marks min/max OPEN: the figures are the simulator's decision. */
  rangeIsDecision: boolean;
  tenures: readonly TenureSpec[];
  /** A longer tenure is offered only when its instalment is at least this much (the shortest is always offered). */
  minInstallment: number;
  /** Share of the amount paid up front on tenures longer than one month (BillEase). */
  downpaymentRate?: number;
  /** Refunds by API: both, full only, or none (seed: Kredivo and Akulaku; docs add Indodana; BillEase full only). */
  refunds: 'full-or-partial' | 'full-only' | 'none';
  /**
   * Cancels by API (`POST /paylater/charges/{id}/cancel`): docs.xendit.co "PayLater cancellations"
   * lists Kredivo, Akulaku, Indodana, UangMe and BillEase; Atome and Cashalo are not on it, so their
   * cancels are refused (`SIMULATOR_DECISIONS.cancelNotAvailable`) and the charge stays payable.
   */
  cancels: boolean;
  /** Accent colour of the simulated checkout page. */
  accent: string;
  /** False: plans answer 403 CHANNEL_NOT_ACTIVATED. */
  activated: boolean;
}

const monthly = (months: readonly number[], rate: number, first = 0): TenureSpec[] =>
  months.map((m) => ({ months: m, monthlyRate: m === 1 ? first : rate }));

/** The channel table. Ranges from XENDIT_API.md; OPEN ones flagged `rangeIsDecision`. */
export const SIMULATOR_CHANNELS: Readonly<Record<string, Readonly<ChannelSpec>>> = {
  ID_KREDIVO: { name: 'Kredivo', currency: 'IDR', min: 1_000, max: 30_000_000, rangeIsDecision: false, tenures: monthly([1, 3, 6, 12], 2.6), minInstallment: 50_000, refunds: 'full-or-partial', cancels: true, accent: '#b43f0f', activated: true },
  ID_AKULAKU: { name: 'Akulaku', currency: 'IDR', min: 1_000, max: 25_000_000, rangeIsDecision: false, tenures: [{ months: 1, monthlyRate: 0 }, { months: 3, monthlyRate: 2.5 }, { months: 6, monthlyRate: 2.75 }, { months: 12, monthlyRate: 3 }], minInstallment: 50_000, refunds: 'full-or-partial', cancels: true, accent: '#b0122b', activated: true },
  ID_INDODANA: { name: 'Indodana', currency: 'IDR', min: 10_000, max: 25_000_000, rangeIsDecision: false, tenures: monthly([1, 3, 6, 12], 2.95), minInstallment: 50_000, refunds: 'full-or-partial', cancels: true, accent: '#1f4f9c', activated: true },
  ID_ATOME: { name: 'Atome', currency: 'IDR', min: 50_000, max: 6_000_000, rangeIsDecision: true, tenures: [{ months: 3, monthlyRate: 0 }, { months: 6, monthlyRate: 2.5 }, { months: 12, monthlyRate: 2.5 }], minInstallment: 100_000, refunds: 'none', cancels: false, accent: '#3d4a00', activated: true },
  ID_UANGME: { name: 'UangMe', currency: 'IDR', min: 20_000, max: 20_000_000, rangeIsDecision: true, tenures: [{ months: 1, monthlyRate: 4 }, { months: 3, monthlyRate: 4.5 }, { months: 6, monthlyRate: 4.5 }, { months: 12, monthlyRate: 4.5 }], minInstallment: 50_000, refunds: 'none', cancels: true, accent: '#0b6b4f', activated: true },
  PH_BILLEASE: { name: 'BillEase', currency: 'PHP', min: 50, max: 150_000, rangeIsDecision: false, tenures: monthly([1, 3, 6, 12], 3.49), minInstallment: 200, downpaymentRate: 0.2, refunds: 'full-only', cancels: true, accent: '#1b5e8c', activated: true },
  /** PH_CASHALO: min/max OPEN in XENDIT_API.md → decision: PHP 1,000–50,000. */
  PH_CASHALO: { name: 'Cashalo', currency: 'PHP', min: 1_000, max: 50_000, rangeIsDecision: true, tenures: monthly([3, 6, 12], 3), minInstallment: 200, refunds: 'none', cancels: false, accent: '#5b2a86', activated: true },
};

export interface ChannelOverride {
  min?: number;
  max?: number;
  activated?: boolean;
}

export function resolveChannels(overrides: Record<string, ChannelOverride> | undefined): Record<string, ChannelSpec> {
  const out: Record<string, ChannelSpec> = {};
  for (const [code, spec] of Object.entries(SIMULATOR_CHANNELS)) out[code] = { ...spec, ...overrides?.[code] };
  for (const code of Object.keys(overrides ?? {})) {
    if (!(code in out)) throw new TypeError(`createXenditSimulator: unknown channel "${code}" in \`channels\` (known: ${Object.keys(out).join(', ')}).`);
  }
  return out;
}

/** The channel's currency from its prefix: ID_* → IDR, PH_* → PHP. */
export function channelCurrency(code: string): string | undefined {
  return SIMULATOR_CHANNELS[code]?.currency;
}

function ceilTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.ceil(value * f - 1e-7) / f;
}
function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function describe(spec: ChannelSpec, months: number, hasDownpayment: boolean): string {
  if (spec.currency === 'IDR') return months === 1 ? 'Bayar dalam 30 hari' : `Cicilan ${months} bulan`;
  if (months === 1) return 'Pay in 30 days';
  return hasDownpayment ? `${months} monthly instalments after a down payment` : `${months} monthly instalments`;
}

/** The plan options a provider would estimate for this amount. Never empty: the shortest tenure is always offered. */
export function planOptions(spec: ChannelSpec, amount: number): PlanOption[] {
  const decimals = currencyDecimals(spec.currency);
  const options: PlanOption[] = [];
  spec.tenures.forEach((tenure, index) => {
    const dp = spec.downpaymentRate !== undefined && tenure.months > 1 ? roundTo(amount * spec.downpaymentRate, decimals) : 0;
    const financed = amount - dp;
    const interest = (financed * tenure.monthlyRate * tenure.months) / 100;
    const total = roundTo(dp + financed + interest, decimals);
    // The instalment shown is rounded up; the provider takes the rounding off the last one, so the total stays exact.
    const installment = ceilTo((total - dp) / tenure.months, decimals);
    if (index > 0 && installment < spec.minInstallment) return;
    const option: PlanOption = {
      total_amount: total,
      installment_amount: installment,
      interval: 'MONTH',
      interval_count: 1,
      total_recurrence: tenure.months,
      interest_rate: tenure.monthlyRate,
      description: describe(spec, tenure.months, dp > 0),
    };
    if (spec.downpaymentRate !== undefined) option.downpayment_amount = dp;
    options.push(option);
  });
  return options;
}
