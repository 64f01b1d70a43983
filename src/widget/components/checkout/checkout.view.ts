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

/** What happens on the shopper's actions (the server's rendering passes none that run). */
export interface CheckoutHandlers {
  sort(sort: Sort): void;
  tenor(tenor: number | undefined): void;
  choose(provider: AvailableProvider): void;
  /** The form's submit: the element sends it to the provider without leaving the page. */
  submit(event: SubmitEvent): void;
  retry(): void;
}

/**
 * Everything `<paylater-checkout>` draws is a function of this: what the element knows in the
 * browser, or what the companion knows when it renders the checkout on the server
 * (`companion.renderCheckout`), so that both draw the same.
 */
export interface CheckoutView {
  plans: LoadState<PlansResponseBody>;
  endpoint: string;
  sort: Sort;
  /** The tenor compared across providers (number of payments), or all of them. */
  tenor: number | undefined;
  /** The chosen provider's channel code. */
  selected: string | undefined;
  phase: 'idle' | 'submitting' | 'redirecting';
  notice: MessageKey | undefined;
  chargeError: PaylaterError | undefined;
  /** Options per provider the skeleton draws (0: unavailable). */
  shape: number[];
  /** Part of the page's own form (the element has a `name`): the page's button goes on, so there is none here. */
  field: boolean;
  /** The page's form around it is disabled. */
  disabled: boolean;
  /** In an in-app browser (Instagram, LINE…): the note with the way to the shopper's own browser, above the plans. */
  inApp: boolean;
  on: CheckoutHandlers;
}

/**
 * The whole element. The plans are a real form: a radio per provider (its `plan_id`), the signed
 * quote, and a submit button that posts to the companion (`{endpoint}/charges/form`, which answers
 * with a redirect to the provider), so that server-rendered plans work without JavaScript; the
 * element catches the submit and does the same with a request.
 */
export function renderCheckoutView(w: Words, v: CheckoutView) {
  const state = v.plans;
  // One live region for the element's whole life, so that a screen reader hears each new load.
  return html`<div part="base" class="base">
    <p class="sr-only" role="status">${state.status === 'pending' ? w.t('loading') : ''}</p>
    ${v.inApp ? html`<paylater-in-app-note part="in-app" .locale=${w.lang}></paylater-in-app-note>` : nothing}
    ${state.status === 'complete'
      ? renderPlans(w, v, state.value)
      : state.status === 'error'
        ? renderProblem(w, toPaylaterError(state.error), v.on.retry)
        : state.status === 'pending'
          ? renderSkeleton(w, v.shape, v.sort)
          : renderEmpty(w, 'empty')}
  </div>`;
}

function renderPlans(w: Words, v: CheckoutView, plans: PlansResponseBody) {
  const { providers, currency, amount } = plans;
  if (!providers.length) return renderEmpty(w, 'empty');
  const available = providers.filter(choosable);
  const tenors = tenorsOf(available);
  // A tenor chosen before fresh plans that no longer offer it: all of them again.
  const tenor = tenors.includes(v.tenor!) ? v.tenor : undefined;
  const best = lowestTotal(available.flatMap((p) => shownOptions(p, tenor)));
  const all = available.flatMap((p) => p.options);
  const names = tenors.map((n) => tenorName(w, all.find((o) => o.total_recurrence === n)!));
  const view: RowView = { currency, amount, tenor, tenorName: names[tenors.indexOf(tenor!)] ?? '', best };
  // `display: contents`: the form adds no box, the plans keep the element's own layout.
  return html`<form part="form" method="post" action=${join(v.endpoint, 'charges/form')} @submit=${v.on.submit}>
    <input type="hidden" name="quote" value=${plans.quote} />
    <input type="hidden" name="locale" value=${w.lang} />
    ${renderSummary(w, w.money(currency, amount), available.length > 1, v.sort, v.on.sort)}
    ${v.notice ? html`<p part="notice" class="notice" role="status" tabindex="-1">${w.t(v.notice)}</p>` : nothing}
    ${renderTenors(w, tenors, names, tenor, v.on.tenor)}
    <fieldset part="providers" ?disabled=${v.phase !== 'idle' || v.disabled}>
      <legend part="legend">${w.t('legend')}</legend>
      ${ordered(providers, v.sort, tenor).map((p, i) =>
        choosable(p) ? renderProvider(w, p, i, view, v.selected === p.channel_code, () => v.on.choose(p)) : renderUnavailable(w, p, currency),
      )}
    </fieldset>
    ${available.length ? (v.field ? nothing : renderActions(w, v, plans)) : renderEmpty(w, 'noneAvailable')}
  </form>`;
}

function renderActions(w: Words, v: CheckoutView, plans: PlansResponseBody) {
  const provider = plans.providers.find((p) => choosable(p) && p.channel_code === v.selected);
  const name = provider?.name ?? '';
  const { phase } = v;
  const busy = phase !== 'idle';
  // 'submitting' and 'redirecting' are the keys of their messages too. With nothing chosen the
  // button asks for a choice (pressed, the radios' `required` says so), and says "Continue" as soon
  // as a radio is checked, also where no script runs (CSS: `.go`).
  const text = busy || provider ? w.t(busy ? phase : 'continueWith', { provider: name }) : html`<span class="ask">${w.t('choose')}</span><span class="go">${w.t('continueChosen')}</span>`;
  return html`<div part="actions" class="actions">
    ${v.chargeError ? renderProblem(w, v.chargeError) : nothing}
    <p part="estimate" class="estimate" id="confirm">${w.t(provider ? 'confirmWith' : 'confirm', { provider: name })}</p>
    <button part="continue" class="continue" aria-describedby="confirm" aria-disabled=${busy ? 'true' : nothing} aria-busy=${busy ? 'true' : nothing}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${text}
    </button>
  </div>`;
}
