/**
 * What `<paylater-message>`'s line says, worked out from the terms (no DOM): who takes the amount,
 * and the words of the line. The element puts them into its nodes (`message.ts`).
 */
import { optionsFor, type ProviderTerms } from '../../../contract/terms.js';
import { formatMoney } from '../../shared/format.js';
import { message } from '../../shared/i18n.js';
import { interestFree } from '../checkout/compare.js';
import type { Offer } from './message.dialog.js';

/** Who of `providers` takes `amount`, each with its options, lowest payment first. */
export function offersFor(providers: readonly ProviderTerms[], amount: number, currency: string): Offer[] {
  const offers: Offer[] = [];
  for (const provider of providers) {
    const options = optionsFor(provider, amount, currency);
    if (options.length) offers.push({ provider, options, low: options.reduce((a, b) => (b.installment_amount < a.installment_amount ? b : a)) });
  }
  return offers.sort((a, b) => a.low.installment_amount - b.low.installment_amount);
}

/** The terms arrived: what the line is about. */
export interface LineView {
  /** Who takes the amount (`offersFor`). */
  offers: Offer[];
  /** The providers `channels` lets in, whether or not they take the amount. */
  providers: readonly ProviderTerms[];
  currency: string;
  amount: number;
  /** `ineligible="explain"`. */
  explain: boolean;
}

/** The words of a line with offers: the lowest payment (in bold) between two texts, and "See plans". */
export interface OfferLine {
  before: string;
  amount: string;
  after: string;
  see: string;
}

/**
 * The line in `lang`: "or from Rp 58,167/month with Kredivo, Akulaku…" (`OfferLine`); for an amount
 * no provider takes, nothing (`undefined`) or, to explain, the range PayLater has ("PayLater from
 * Rp 50,000"); before the terms (`view` unset), an empty line, which keeps its height.
 */
export function lineOf(lang: string, view: LineView | undefined): OfferLine | string | undefined {
  if (!view) return '';
  const { offers, providers, currency, amount } = view;
  if (!offers.length) {
    if (!view.explain || !providers.length) return undefined;
    const min = Math.min(...providers.map((p) => p.min_amount));
    const low = amount < min;
    const limit = low ? min : Math.max(...providers.map((p) => p.max_amount));
    return message(lang, low ? 'msgTooLow' : 'msgTooHigh', { amount: formatMoney(lang, currency, limit) });
  }
  const low = offers[0]!.low;
  const key = low.total_recurrence === 1 ? 'msgOnce' : interestFree(low, amount) ? 'msgFromFree' : 'msgFrom';
  // Only who offers what the line says: 0% instalments, instalments, or (when nobody has
  // instalments for the amount) the single payment; never one that takes the amount another way.
  const names = offers.filter((o) => key == 'msgOnce' || o.options.some((x) => (key == 'msgFrom' ? x.total_recurrence > 1 : interestFree(x, amount)))).map((o) => o.provider.name);
  const providerNames = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
  const [before = '', after = ''] = message(lang, key, { amount: '\u0000', providers: providerNames }).split('\u0000');
  return { before, amount: `${low.estimate ? '≈ ' : ''}${formatMoney(lang, currency, low.installment_amount)}`, after, see: message(lang, 'msgSee') };
}
