/**
 * What `<paylater-checkout>` draws, as functions of what it knows (no state of their own): the
 * summary, the tenor chips, a provider's card with its options' table, an unavailable provider, a
 * problem, and the skeleton with the same layout. The element (`checkout.ts`) decides what is
 * chosen and what happens on a click; these only draw it.
 */
// From lit-html itself (what `lit` re-exports): the dialog of `<paylater-message>`, which has no
// `LitElement`, draws the options' table with these functions without taking it in.
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { AvailableProvider, PlanOption, PlansResponseBody, Provider, UnavailableReason } from '../../../contract/index.js';
import { join, type PaylaterError } from '../../shared/client.js';
import { choosable, interestFree, lowestTotal, ordered, shownOptions, tenorsOf } from './compare.js';
import { toPaylaterError } from '../../shared/errors.js';
import type { LoadState } from '../../shared/loader.js';
import { errorMessage } from '../../shared/errors.js';
import { formatPercent } from '../../shared/format.js';
import { renderProblem as problem } from '../../shared/problem.js';
import type { MessageKey, Params } from '../../shared/i18n.js';

/** The element's words: its texts and money, in its language. */
export interface Words {
  t(key: MessageKey, params?: Params): string;
  money(currency: string, amount: number): string;
  lang: string;
}

/** What every provider's card is drawn with: the order, the tenor shown (all when undefined) and the one cheapest option. */
export interface RowView {
  currency: string;
  amount: number;
  tenor: number | undefined;
  /** The chosen tenor's name ("3×"), for a provider without it. */
  tenorName: string;
  best: PlanOption | undefined;
}

export type Sort = 'monthly' | 'total';

/** Words for why a provider is unavailable (`UnavailableReason` codes; every `PROVIDER_*` one is temporary). */
const REASONS: Record<string, MessageKey> = {
  AMOUNT_TOO_LOW: 'reasonTooLow',
  AMOUNT_TOO_HIGH: 'reasonTooHigh',
  CURRENCY_NOT_SUPPORTED: 'reasonCurrency',
  CHANNEL_NOT_ENABLED: 'reasonNotEnabled',
  NO_PLANS: 'reasonNoPlans',
};

/** No plans to show (`key` says why); focusable, so that focus has somewhere to go. */
export const renderEmpty = (w: Words, key: MessageKey) => html`<p part="empty" class="empty" tabindex="-1">${w.t(key)}</p>`;

/** An error, with its retry; a paid order says so instead, with the page's link to the order (slot `paid`). */
export function renderProblem(w: Words, error: PaylaterError, retry?: () => void) {
  const key = errorMessage(error);
  return problem(w.t, w.t(key), error, retry, key == 'paid' ? html`<slot name="paid"></slot>` : undefined);
}

/** Order total and sort control; the control keeps its place when there is nothing to sort. */
export function renderSummary(w: Words, amount: unknown, sortable: boolean, sort: Sort, onSort: (sort: Sort) => void) {
  return html`<div part="summary" class="summary">
    <p class="total">
      <span class="desc">${w.t('orderTotal')}</span>
      <strong part="amount">${amount}</strong>
    </p>
    <label class="sort${sortable ? '' : ' unused'}"
      ><span class="desc">${w.t('sortBy')}</span>
      <select part="sort" .value=${sort} @change=${(e: Event) => onSort((e.target as HTMLSelectElement).value as Sort)}>
        <option value="monthly">${w.t('sortMonthly')}</option>
        <option value="total" ?selected=${sort == 'total'}>${w.t('sortTotal')}</option>
      </select></label
    >
  </div>`;
}

/** "30 days" for one payment a month later, else "3×" (as many payments). */
export function tenorName(w: Words, option: Omit<PlanOption, 'description'>): string {
  const count = option.total_recurrence;
  return count === 1 && option.interval === 'MONTH' && option.interval_count === 1 ? w.t('days30') : w.t('times', { count });
}

/** "Tenor: All · 30 days · 3× · 6× · 12×": one tenor across every provider, or all of them. */
export function renderTenors(w: Words, tenors: number[], names: string[], tenor: number | undefined, onTenor: (tenor: number | undefined) => void) {
  const chip = (n: number | undefined, label: string) =>
    html`<label class="chip"><input type="radio" name="tenor" .checked=${tenor === n} @change=${() => onTenor(n)} />${label}</label>`;
  return html`<div part="tenors" class="tenors" role="radiogroup" aria-labelledby="tenor-label">
    <span id="tenor-label" class="desc">${w.t('tenor')}</span>
    ${chip(undefined, w.t('tenorAll'))}
    ${tenors.map((n, i) => chip(n, names[i]!))}
  </div>`;
}

/**
 * One provider: its name with the marks that are true of it ("0% instalments"; "Lowest total"
 * when it holds the one cheapest option), and every option shown in a compact table: tenor and
 * interest a month, the amount of each payment, the total with the interest in money (and a down
 * payment, when there is one).
 */
export function renderProvider(w: Words, provider: AvailableProvider, index: number, view: RowView, selected: boolean, choose: () => void) {
  const { currency, amount, tenor, best } = view;
  const options = shownOptions(provider, tenor);
  const marks = [
    ...(options.some((o) => interestFree(o, amount)) ? [w.t('interestFree')] : []),
    ...(best && options.includes(best) ? [w.t('cheapest')] : []),
  ];
  const id = `plans-${index}`;
  return html`<div part="provider${selected ? ' provider-selected' : ''}" class="provider card${selected ? ' selected' : ''}" @click=${choose}>
    <label class="head">
      <input
        type="radio"
        name="plan"
        part="radio"
        value=${provider.plan_id}
        required
        .checked=${selected}
        aria-label=${[provider.name, ...marks].join(', ')}
        aria-describedby=${selected ? id : nothing}
        @change=${choose}
      />
      <span class="name"><span part="provider-name">${provider.name}</span>${marks.map((mark) => html`<span part="badge" class="badge">${mark}</span>`)}</span>
    </label>
    ${options.length
      ? renderTable(
          w,
          id,
          options.map((option) => renderOption(w, option, currency, amount, option === best)),
        )
      : html`<p class="none desc">${w.t('noTenor', { tenor: view.tenorName })}</p>`}
  </div>`;
}

/** The options' table (the skeleton draws the same with placeholder rows). */
export function renderTable(w: Words, id: string, rows: unknown[]) {
  return html`<div class="plans"><table part="options" id=${id}>
    <thead>
      <tr>
        <th scope="col">${w.t('colTenor')}</th>
        <th scope="col">${w.t('colPay')}</th>
        <th scope="col">${w.t('colTotal')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table></div>`;
}

/** An option's row; a computed one (`<paylater-message>`'s, from the terms) has the same fields but the description. */
export function renderOption(w: Words, option: Omit<PlanOption, 'description'>, currency: string, amount: number, cheapest: boolean): TemplateResult {
  const count = option.total_recurrence;
  const rate = formatPercent(w.lang, option.interest_rate);
  const interest = option.total_amount - amount;
  const down = option.downpayment_amount;
  return html`<tr part="option${cheapest ? ' option-cheapest' : ''}" class=${cheapest ? 'cheapest' : ''}>
    <th scope="row">${tenorName(w, option)}<span class="desc">${count > 1 ? w.t('ratePerMonth', { rate }) : rate}</span></th>
    <td>
      ${w.money(currency, option.installment_amount)}<span class="desc"
        >${w.t(count === 1 ? 'once' : option.interval === 'MONTH' && option.interval_count === 1 ? 'perMonth' : 'perPayment')}</span
      >
    </td>
    <td>
      ${w.money(currency, option.total_amount)}<span class="desc"
        >${interest > 0 ? w.t('interestOf', { amount: w.money(currency, interest) }) : w.t('noInterest')}${down
          ? html`<br />${w.t('downOf', { amount: w.money(currency, down) })}`
          : nothing}</span
      >
    </td>
  </tr>`;
}

export function renderUnavailable(w: Words, provider: Provider, currency: string) {
  const reason = reasonText(w, provider.available ? { code: 'NO_PLANS' } : provider.reason, currency);
  return html`<div part="provider provider-unavailable" class="provider card unavailable">
    <label class="head">
      <input type="radio" name="plan" part="radio" disabled aria-label=${`${provider.name}, ${reason}`} />
      <span class="name"><span part="provider-name">${provider.name}</span></span>
      <span part="reason" class="reason">${reason}</span>
    </label>
  </div>`;
}

function reasonText(w: Words, reason: UnavailableReason, orderCurrency: string): string {
  const details = reason as Record<string, unknown>;
  const currency = typeof details.currency === 'string' ? details.currency : orderCurrency;
  const limit = details.min_amount ?? details.max_amount;
  return w.t(REASONS[reason.code] ?? (reason.code.startsWith('PROVIDER_') ? 'reasonTemporary' : 'reasonOther'), {
    currency,
    amount: w.money(currency, typeof limit === 'number' ? limit : 0),
  });
}

/**
 * The plans' own layout with placeholders where the answer goes: the order-total line, the tenor
 * choice, one card per expected provider with as many option rows (`shape`: options per provider,
 * 0 for an unavailable one), the note and the button, so that the plans take its place. Hidden
 * from screen readers, which hear the element's status message instead.
 */
export function renderSkeleton(w: Words, shape: number[], sort: Sort) {
  const bone = html`<span class="bone"></span>`;
  const line = html`<tr>
    <th>${bone}<span class="desc">${bone}</span></th>
    <td>${bone}<span class="desc">${bone}</span></td>
    <td>${bone}<span class="desc">${bone}</span></td>
  </tr>`;
  return html`<div part="skeleton" class="skeleton">
    <div class="base" aria-hidden="true" inert>
      ${renderSummary(w, bone, true, sort, () => {})}
      <div class="tenors"><span class="desc">${w.t('tenor')}</span><label class="chip">${bone}</label></div>
      <fieldset disabled>
        <legend>${w.t('legend')}</legend>
        ${shape.map(
          (rows) => html`<div class="provider card">
            <div class="head">
              <input type="radio" />
              <span class="name"><span>${bone}</span></span>
              ${rows ? nothing : html`<span class="reason">${bone}</span>`}
            </div>
            ${rows ? renderTable(w, '', Array<unknown>(rows).fill(line)) : nothing}
          </div>`,
        )}
      </fieldset>
      <div class="actions">
        <p class="estimate">${w.t('confirm')}</p>
        <button class="continue" disabled>${w.t('choose')}</button>
      </div>
    </div>
  </div>`;
}
