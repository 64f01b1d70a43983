/**
 * The comparison's facts, worked out from the plans alone (no rendering): which tenors there are,
 * which options a provider shows, the order of the providers, and which marks are true. The marks
 * never depend on the order: a badge belongs to an option, not to a place in the list.
 */
import type { AvailableProvider, PlanOption, Provider } from '../../../contract/index.js';

/** A provider the shopper can choose: available, with at least one plan. */
export const choosable = (p: Provider): p is AvailableProvider => p.available && p.options.length > 0;

/** Every tenor (number of payments) the providers offer, shortest first. */
export const tenorsOf = (providers: readonly AvailableProvider[]): number[] =>
  [...new Set(providers.flatMap((p) => p.options.map((o) => o.total_recurrence)))].sort((a, b) => a - b);

/** A provider's options to show: all of them, or those of one tenor; shortest tenor first. */
export const shownOptions = (provider: AvailableProvider, tenor: number | undefined): PlanOption[] =>
  provider.options.filter((o) => !tenor || o.total_recurrence === tenor).sort((a, b) => a.total_recurrence - b.total_recurrence);

/**
 * The option that costs least in total, when exactly one does: among two or more options, a tie
 * for the lowest total means no option is the cheapest, so none is marked.
 */
export function lowestTotal(options: readonly PlanOption[]): PlanOption | undefined {
  let best: PlanOption | undefined;
  let tie = false;
  for (const option of options) {
    if (!best || option.total_amount < best.total_amount) [best, tie] = [option, false];
    else if (option.total_amount === best.total_amount) tie = true;
  }
  return options.length > 1 && !tie ? best : undefined;
}

/** Instalments that cost nothing: more than one payment, 0% interest, and a total of no more than the order. */
export const interestFree = (option: Pick<PlanOption, 'total_recurrence' | 'interest_rate' | 'total_amount'>, amount: number): boolean =>
  option.total_recurrence > 1 && option.interest_rate === 0 && option.total_amount <= amount;

/**
 * The providers in the order shown: the choosable ones by their lowest monthly amount (`monthly`)
 * or lowest total among the options shown (those with none of the chosen tenor after them), then
 * the others. Equal figures keep the companion's order.
 */
export function ordered(providers: readonly Provider[], sort: 'monthly' | 'total', tenor: number | undefined): Provider[] {
  const key = sort === 'total' ? 'total_amount' : 'installment_amount';
  const figure = (p: AvailableProvider) => Math.min(...shownOptions(p, tenor).map((o) => o[key]));
  const available = providers.filter(choosable);
  return [...available.sort((a, b) => figure(a) - figure(b) || 0), ...providers.filter((p) => !choosable(p))];
}
