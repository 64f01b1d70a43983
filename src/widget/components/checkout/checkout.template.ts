/**
 * The whole of `<paylater-checkout>` as one function of what it knows (`renderCheckoutView`): the
 * element's `render()` and the companion's server rendering (`companion.renderCheckout`) both call
 * it, so that both draw the same. The pieces it is made of are in `checkout.view.ts`.
 */
import { html, nothing } from 'lit/html.js';
import type { AvailableProvider, PlansResponseBody } from '../../../contract/index.js';
import { join, type PaylaterError } from '../../shared/client.js';
import { toPaylaterError } from '../../shared/errors.js';
import type { MessageKey } from '../../shared/i18n.js';
import type { LoadState } from '../../shared/loader.js';
import { choosable, lowestTotal, ordered, shownOptions, tenorsOf } from './compare.js';
import { renderEmpty, renderProblem, renderProvider, renderSkeleton, renderSummary, renderTenors, renderUnavailable, tenorName, type RowView, type Sort, type Words } from './checkout.view.js';

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
