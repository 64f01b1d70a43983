/**
 * Reading a provider's terms from its own plans answers, with few questions.
 *
 * The probe plan, per channel (each probe is one `POST /paylater/plans`):
 * 1. the channel's largest amount: every tenor is offered there, so it gives each tenor's rate and
 *    down payment share;
 * 2. its smallest amount: the tenors offered there are offered at every amount (payments only grow
 *    with the amount), the others start at a minimum payment;
 * 3. that minimum payment is found by a few more probes. Providers state one minimum payment (Rp
 *    50.000, ₱200), a round figure: the probes narrow the round figures (1, 2, 2.5 and 5 times a
 *    power of ten) still possible, each probe placed where the answers split them best (several
 *    tenors answer at once), then pin the last one with the amounts one unit either side of it.
 *    When no round figure fits, the probes left halve the range the minimum can still be in.
 * At most `PROBE_BUDGET` probes per channel (7; 4 or 5 on the providers we know): an IDR
 * derivation of five channels stays well under Xendit's test-mode limit of 60 requests a minute on
 * the plans endpoint, and happens once per refresh period for all instances.
 *
 * Then every answer seen is checked against the formula (`tenorOption` of the contract, the one the
 * browser uses): a tenor that reproduces them all is exact; otherwise it is marked `estimate` with
 * the largest difference seen. A minimum payment that could not be pinned down is the smallest
 * payment seen offered (a message then never promises a tenor the checkout would not show), and is
 * marked `estimate` too.
 */
import { currencyDecimals, offers, tenorOption, type AmountRange, type TenorTerms } from '../../../contract/index.js';

/** The fields of a plans option the derivation reads. */
export interface AnswerOption {
  total_amount: number;
  installment_amount: number;
  downpayment_amount?: number | null | undefined;
  interval: string;
  interval_count: number;
  total_recurrence: number;
  interest_rate: number;
}

/** One plans answer: the options offered for `amount`. */
export interface Answer {
  amount: number;
  options: AnswerOption[];
}

export type Ask = (amount: number) => Promise<AnswerOption[]>;

export const PROBE_BUDGET = 7;

/** Round figures a minimum payment is looked for among: these times a power of ten. */
const ROUND_FIGURES = [1, 2, 2.5, 5];

const keyOf = (o: { interval: string; interval_count: number; total_recurrence: number }) => `${o.interval}/${o.interval_count}/${o.total_recurrence}`;
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export interface Derived {
  tenors: TenorTerms[];
  /** Every answer the derivation asked for (the probes). */
  answers: Answer[];
}

/** Asks for plans at a few amounts (see the plan above) and derives the channel's tenors. */
export async function deriveTenors(ask: Ask, range: AmountRange, budget = PROBE_BUDGET): Promise<Derived> {
  const { currency } = range;
  const decimals = currencyDecimals(currency);
  const unit = 10 ** -decimals;
  const answers: Answer[] = [];
  const probe = async (amount: number) => void answers.push({ amount, options: await ask(amount) });

  await probe(range.max_amount);
  if (range.min_amount < range.max_amount) await probe(range.min_amount);
  let fitted = fitAll(answers, currency);
  const atMin = new Set(answers[answers.length - 1]!.options.map(keyOf));
  const gated = [...fitted.keys()].filter((key) => answers.length > 1 && !atMin.has(key));

  const payment = (key: string, amount: number) => tenorOption(fitted.get(key)!, amount, currency).installment_amount;
  /** The smallest amount in range whose payment on this tenor is at least `value`. */
  function amountFor(key: string, value: number): number | undefined {
    let lo = Math.ceil(range.min_amount / unit - 1e-9);
    let hi = Math.floor(range.max_amount / unit + 1e-9);
    if (payment(key, hi / 10 ** decimals) < value) return undefined;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (payment(key, mid / 10 ** decimals) >= value) hi = mid;
      else lo = mid + 1;
    }
    return lo / 10 ** decimals;
  }
  /** The shared minimum payment lies in (low, high]: from what was offered and what was not. */
  function bounds(keys: string[]) {
    let low = -Infinity;
    let high = Infinity;
    for (const answer of answers) {
      const offered = new Map(answer.options.map((o) => [keyOf(o), o]));
      for (const key of keys) {
        const option = offered.get(key);
        if (option) high = Math.min(high, option.installment_amount);
        else low = Math.max(low, payment(key, answer.amount));
      }
    }
    return { low, high };
  }
  function candidates({ low, high }: { low: number; high: number }): number[] {
    const out: number[] = [];
    for (let exp = -decimals; exp <= 15; exp += 1) {
      for (const figure of ROUND_FIGURES) {
        const value = round(figure * 10 ** exp, decimals);
        if (Math.abs(value - figure * 10 ** exp) < 1e-9 && value > low && value <= high) out.push(value);
      }
    }
    return out;
  }
  const asked = (amount: number) => answers.some((a) => a.amount === amount);
  const outcome = (amount: number, threshold: number) => gated.map((key) => (payment(key, amount) >= threshold ? 1 : 0)).join('');

  /** The amount whose answer leaves the fewest candidates in the worst case (exact hits first: they also pin). */
  function bestSplit(values: number[]): number | undefined {
    let best: { amount: number; worst: number; hits: boolean } | undefined;
    for (const value of values) {
      for (const key of gated) {
        const at = amountFor(key, value);
        for (const amount of at === undefined ? [] : [at, round(at - unit, decimals)]) {
          if (amount < range.min_amount || asked(amount)) continue;
          const groups = new Map<string, number>();
          for (const h of values) groups.set(outcome(amount, h), (groups.get(outcome(amount, h)) ?? 0) + 1);
          const worst = Math.max(...groups.values());
          const hits = gated.some((k) => values.includes(payment(k, amount)));
          if (!best || worst < best.worst || (worst === best.worst && hits && !best.hits)) best = { amount, worst, hits };
        }
      }
    }
    return best && best.worst < values.length ? best.amount : undefined;
  }
  /** The amount that closes (low, high] on `value` from above, then from below. */
  function pinProbe(value: number, { low, high }: { low: number; high: number }): number | undefined {
    const longestFirst = [...gated].sort((a, b) => fitted.get(b)!.total_recurrence - fitted.get(a)!.total_recurrence);
    const want = high > value ? value : round(value - unit, decimals);
    if (high <= value && low >= want) return undefined;
    for (const key of longestFirst) {
      const at = amountFor(key, value);
      if (at === undefined) continue;
      const amount = high > value ? at : round(at - unit, decimals);
      if (amount >= range.min_amount && !asked(amount) && payment(key, amount) === want) return amount;
    }
    return undefined;
  }

  /** The amount where the longest tenor's payment is halfway between `low` and `high`. */
  function halve({ low, high }: { low: number; high: number }): number | undefined {
    const middle = round((low + high) / 2, decimals);
    for (const key of [...gated].sort((a, b) => fitted.get(b)!.total_recurrence - fitted.get(a)!.total_recurrence)) {
      const amount = amountFor(key, middle);
      if (amount !== undefined && !asked(amount)) return amount;
    }
    return undefined;
  }

  while (gated.length && answers.length < budget) {
    const b = bounds(gated);
    if (!(b.low < b.high) || b.high - b.low <= unit * (1 + 1e-9)) break;
    const values = candidates(b);
    // No round figure left (or none that can be pinned): halve (low, high] with what budget is left.
    const amount = (values.length > 1 ? bestSplit(values) : values.length === 1 ? pinProbe(values[0]!, b) : undefined) ?? halve(b);
    if (amount === undefined) break;
    await probe(amount);
    fitted = fitAll(answers, currency);
  }

  // The minimum payment: pinned (high − low one unit), or the smallest payment seen offered. A tenor
  // first seen after the smallest amount was asked gets its own bounds.
  const shared = bounds(gated);
  const consistent = shared.low < shared.high;
  for (const key of [...fitted.keys()].filter((k) => answers.length > 1 && !atMin.has(k))) {
    const own = consistent && gated.includes(key) ? shared : bounds([key]);
    const tenor = fitted.get(key)!;
    tenor.min_installment = own.high;
    if (!(own.high - own.low <= unit * (1 + 1e-9))) tenor.estimate = true;
  }
  const tenors = [...fitted.values()].sort((a, b) => a.total_recurrence * a.interval_count - b.total_recurrence * b.interval_count);
  for (const tenor of tenors) check(tenor, answers, currency);
  return { tenors, answers };
}

/** The largest difference between the formula and one answer's option, in currency units (0: exact). */
function difference(tenor: TenorTerms, amount: number, option: AnswerOption, currency: string): number {
  const mine = tenorOption(tenor, amount, currency);
  const decimals = currencyDecimals(currency);
  return round(
    Math.max(
      Math.abs(mine.total_amount - option.total_amount),
      Math.abs(mine.installment_amount - option.installment_amount),
      Math.abs((mine.downpayment_amount ?? 0) - (option.downpayment_amount ?? 0)),
    ),
    decimals,
  );
}

/** Each tenor's rate and down payment share, from every answer it appears in. */
function fitAll(answers: Answer[], currency: string): Map<string, TenorTerms> {
  const seen = new Map<string, Array<{ amount: number; option: AnswerOption }>>();
  for (const answer of answers) {
    for (const option of answer.options) {
      const list = seen.get(keyOf(option)) ?? [];
      list.push({ amount: answer.amount, option });
      seen.set(keyOf(option), list);
    }
  }
  const out = new Map<string, TenorTerms>();
  for (const [key, list] of seen) {
    // The largest amount shows the shares with the least rounding in them.
    const { amount, option } = list.reduce((a, b) => (b.amount > a.amount ? b : a));
    const dp = option.downpayment_amount ?? 0;
    const base: TenorTerms = { total_recurrence: option.total_recurrence, interval: String(option.interval), interval_count: option.interval_count, interest_rate: option.interest_rate };
    if (dp > 0) base.downpayment_rate = round(dp / amount, 6);
    // The rate the provider states; failing that, the rate its total implies.
    const implied = round(((option.total_amount - dp) / (amount - dp) - 1) * (100 / option.total_recurrence), 4);
    const error = (rate: number) => Math.max(...list.map((seenAt) => difference({ ...base, interest_rate: rate }, seenAt.amount, seenAt.option, currency)));
    const stated = error(option.interest_rate);
    if (stated > 0 && error(implied) < stated) base.interest_rate = implied;
    out.set(key, base);
  }
  return out;
}

/** Checks the tenor against every answer: exact, or `estimate` with the largest difference seen. */
function check(tenor: TenorTerms, answers: Answer[], currency: string): void {
  let maxError = 0;
  let differs = false;
  for (const answer of answers) {
    const option = answer.options.find((o) => keyOf(o) === keyOf(tenor));
    const mine = tenorOption(tenor, answer.amount, currency);
    if (Boolean(option) !== offers(tenor, mine)) differs = true;
    if (option) maxError = Math.max(maxError, difference(tenor, answer.amount, option, currency));
  }
  if (maxError > 0 || differs) tenor.estimate = true;
  if (maxError > 0) tenor.max_error = maxError;
}
