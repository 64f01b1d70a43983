import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AvailableProvider, ChargeResponseBody, PlanOption, PlansResponseBody, Provider, UnavailableReason } from '../contract/index.js';
import { createCharge, fetchPlans, PaylaterError } from './client.js';
import { chooseCheckoutUrl, detectDevice } from './device.js';
import { PaylaterReadyEvent, PaylaterRedirectEvent, PaylaterSelectEvent } from './events.js';
import { PaylaterElement } from './element.js';
import { formatPercent } from './format.js';
import { errorEvent, errorMessage, toPaylaterError } from './errors.js';
import type { MessageKey } from './i18n.js';
import { Loader } from './loader.js';
import { base } from './styles.js';
import { checkoutStyles } from './checkout.styles.js';

/** Words for why a provider is unavailable (`UnavailableReason` codes; every `PROVIDER_*` one is temporary). */
const REASONS: Record<string, MessageKey> = {
  AMOUNT_TOO_LOW: 'reasonTooLow',
  AMOUNT_TOO_HIGH: 'reasonTooHigh',
  CURRENCY_NOT_SUPPORTED: 'reasonCurrency',
  CHANNEL_NOT_ENABLED: 'reasonNotEnabled',
  NO_PLANS: 'reasonNoPlans',
};

type Phase = 'idle' | Extract<MessageKey, 'submitting' | 'redirecting'>;
type FocusTarget = 'notice' | 'continue' | 'retry' | 'first';

/** A provider the shopper can choose: available, with at least one plan. */
const choosable = (p: Provider): p is AvailableProvider => p.available && p.options.length > 0;

const minOf = (options: readonly PlanOption[], key: 'installment_amount' | 'total_amount') =>
  Math.min(...options.map((option) => option[key]));

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
const STATE = {
  selected: { state: true },
  phase: { state: true },
  chargeError: { state: true },
  notice: { state: true },
};

const listConverter = (value: string | null) => (value ? value.split(/[\s,]+/).filter(Boolean) : undefined);
/** `channels` set as a property may be a list or, like the attribute, a string (React 19 sets properties). */
const listOf = (value: string | string[]) => (typeof value == 'string' ? listConverter(value)! : value);
/** The same channels again (e.g. a framework setting the same list anew) are no change. */
const listChanged = (a?: string[], b?: string[]) => String(a) !== String(b);

/**
 * Compares the PayLater plans of every provider the merchant offers for one checkout, lets the
 * shopper choose a provider with mouse, touch or keyboard, and sends them to that provider's
 * checkout page.
 *
 * @tagname paylater-checkout
 * @summary PayLater plans side by side, and the way to the provider's checkout.
 *
 * @csspart base - The wrapper of everything inside.
 * @csspart skeleton - The loading placeholder: the plans' layout with placeholder bars, as tall as the plans will be.
 * @csspart summary - The order total and sort control.
 * @csspart amount - The order total.
 * @csspart sort - The sort `<select>`.
 * @csspart notice - The message shown after the plans were refreshed (cart changed, plans expired).
 * @csspart providers - The `<fieldset>` holding the providers (the radio group).
 * @csspart legend - The radio group's legend.
 * @csspart provider - One provider's card; also `provider-selected` or `provider-unavailable`.
 * @csspart radio - A provider's radio button.
 * @csspart provider-name - A provider's name.
 * @csspart from - The provider's lowest monthly instalment.
 * @csspart badge - The "lowest total" mark on the provider with the cheapest option, and on that option.
 * @csspart reason - Why a provider is not available.
 * @csspart options - The chosen provider's list of plan options (its estimates).
 * @csspart option - One plan option; also `option-cheapest` on the cheapest of all.
 * @csspart estimate - The note under the options that they are the provider's estimates.
 * @csspart actions - The area of the continue button.
 * @csspart continue - The continue button.
 * @csspart error - An error message with its retry.
 * @csspart retry - The retry button of an error.
 * @csspart empty - The message shown when no provider can be offered.
 *
 * @slot paid - Shown, instead of the plans, when the order is already paid: e.g. a link to the order.
 *
 * @cssprop --paylater-accent - Accent colour: selection, button, focus ring.
 * @cssprop --paylater-on-accent - Text on the accent colour.
 * @cssprop --paylater-bg - Card background.
 * @cssprop --paylater-text - Text colour.
 * @cssprop --paylater-muted - Secondary text.
 * @cssprop --paylater-border - Borders.
 * @cssprop --paylater-selected-bg - Background of the chosen provider.
 * @cssprop --paylater-subtle-bg - Background of unavailable providers, notices and the skeleton.
 * @cssprop --paylater-error - Error text.
 * @cssprop --paylater-success - The "lowest total" badge.
 * @cssprop --paylater-focus - Focus ring (default: the accent).
 * @cssprop --paylater-radius - Corner radius of cards and buttons.
 * @cssprop --paylater-gap - Space between cards.
 * @cssprop --paylater-font - Font family (default: inherited).
 *
 * @event {PaylaterReadyEvent} paylater-ready - Plans loaded and shown.
 * @event {PaylaterSelectEvent} paylater-select - The shopper chose a provider.
 * @event {PaylaterRedirectEvent} paylater-redirect - About to open the provider's page; cancelable.
 * @event {PaylaterErrorEvent} paylater-error - Loading plans or creating the charge failed.
 */
export class PaylaterCheckout extends PaylaterElement {
  // Reactive properties declared without decorators: the CDN bundle is smaller this way.
  // `endpoint` and `locale` come from `PaylaterElement`.
  static override properties = {
    checkout: {},
    channels: { converter: listConverter, hasChanged: listChanged },
    sort: {},
    device: {},
    ...STATE,
  };
  static override styles = [base, checkoutStyles];

  /** The merchant's handle for this order (cart id); the companion turns it into the trusted order. */
  checkout = '';

  /**
   * Only these channel codes, e.g. `ID_KREDIVO ID_AKULAKU`: space or comma separated in the attribute,
   * and a list or such a string as a property.
   */
  channels: string | string[] | undefined;

  /** Order of the providers: lowest monthly instalment first, or lowest total. */
  sort: 'monthly' | 'total' = 'monthly';

  /** Which checkout URL to open: decided from the browser (`auto`), or forced. */
  device: 'auto' | 'mobile' | 'desktop' = 'auto';

  private selected: string | undefined;
  private phase: Phase = 'idle';
  private chargeError: PaylaterError | undefined;
  private notice: MessageKey | undefined;

  // Non-reactive internals are ES private members (`#`): really private, and the minifier shortens them.
  readonly #charges = new Map<string, ChargeResponseBody>();
  #chargeAbort: AbortController | undefined;
  #focusNext: FocusTarget | undefined;
  /** Providers in the last answer: how many rows the skeleton draws when loading again. */
  #rows = 0;

  readonly #plans = new Loader(this, {
    args: () => [this.endpoint, this.checkout, this.channels] as const,
    load: ([endpoint, checkout, channels], signal) =>
      checkout ? fetchPlans(endpoint, { checkout, locale: this.language(), ...(channels ? { channels: listOf(channels) } : {}) }, signal) : undefined,
    // Every load starts with nothing chosen (see `reload`), so the plans take the skeleton's place exactly.
    onComplete: (plans) => {
      this.#charges.clear();
      void this.updateComplete.then(() =>
        this.dispatchEvent(
          new PaylaterReadyEvent({ currency: plans.currency, amount: plans.amount, providers: plans.providers, expiresAt: plans.expires_at }),
        ),
      );
    },
    onError: (error) => this.#reportError(toPaylaterError(error), 'plans'),
  });

  /**
   * Opens the provider's checkout page. Called after `paylater-redirect` was not cancelled, with
   * an http(s) URL only. Override it (on the instance or in a subclass) to navigate another way.
   */
  navigate(url: string): void {
    location.assign(url);
  }

  /**
   * Loads the plans again (also what the retry button does); the shopper chooses again. Focus inside
   * the element goes to the first provider once the plans are back.
   */
  reload(): void {
    this.notice = undefined;
    this.#load();
  }

  #load() {
    this.selected = undefined;
    if ((this.renderRoot as ShadowRoot).activeElement) this.#focusNext ??= 'first';
    void this.#plans.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pageshow', this.#onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pageshow', this.#onPageShow);
    this.#chargeAbort?.abort();
    if (this.phase === 'submitting') this.phase = 'idle';
  }

  /** Back from the provider with the browser's back button (page restored from cache): choosable again. */
  readonly #onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && this.phase === 'redirecting') this.phase = 'idle';
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('endpoint') || changed.has('checkout') || changed.has('channels'))) {
      this.#chargeAbort?.abort();
      this.phase = 'idle';
      this.chargeError = undefined;
      this.notice = undefined;
      this.selected = undefined;
      if (changed.has('channels')) this.#rows = 0;
    }
  }

  protected override updated(): void {
    const target = this.#focusNext;
    const { status } = this.#plans.state;
    if (!target || status === 'pending') return;
    const root = this.renderRoot as ShadowRoot;
    const selector = status === 'error' ? '[part~=retry]' : target === 'first' ? 'input:enabled' : `[part~=${target}]`;
    const element = root.querySelector<HTMLElement>(selector) ?? root.querySelector<HTMLElement>('[part~=empty]');
    this.#focusNext = undefined;
    element?.focus();
  }

  #reportError(error: PaylaterError, stage: 'plans' | 'charge') {
    this.dispatchEvent(errorEvent(error, stage, this.language()));
  }

  #choose(provider: AvailableProvider) {
    if (this.phase !== 'idle' || this.selected === provider.channel_code) return;
    this.selected = provider.channel_code;
    this.chargeError = undefined;
    const event = new PaylaterSelectEvent({ channelCode: provider.channel_code, name: provider.name, planId: provider.plan_id, options: provider.options });
    this.dispatchEvent(event);
    // A row above that closes moves this one up, maybe out of sight: bring it back into view.
    void this.updateComplete.then(() => (this.renderRoot as ShadowRoot).querySelector('.selected')?.scrollIntoView({ block: 'nearest' }));
  }

  #selectedProvider(plans: PlansResponseBody | undefined): AvailableProvider | undefined {
    return plans?.providers.find((p): p is AvailableProvider => choosable(p) && p.channel_code === this.selected);
  }

  async #submit() {
    const plans = this.#plans.value;
    const provider = this.#selectedProvider(plans);
    // One charge request however often the button is pressed: the phase changes synchronously.
    if (!plans || !provider || this.phase !== 'idle') return;
    this.phase = 'submitting';
    this.chargeError = undefined;
    this.notice = undefined;
    const abort = (this.#chargeAbort = new AbortController());
    try {
      const key = `${plans.quote} ${provider.plan_id}`;
      let charge = this.#charges.get(key);
      if (!charge) {
        charge = await createCharge(this.endpoint, plans.quote, provider.plan_id, abort.signal);
        this.#charges.set(key, charge);
      }
      const target = chooseCheckoutUrl(charge.checkout_url, this.device === 'auto' ? detectDevice() : this.device);
      if (!target) throw new PaylaterError('UNSAFE_URL', 200, 'No http(s) checkout URL');
      const event = new PaylaterRedirectEvent({
        chargeId: charge.charge_id,
        status: charge.status,
        channelCode: provider.channel_code,
        statusToken: charge.status_token,
        url: target.url,
        kind: target.kind,
      });
      if (!this.dispatchEvent(event)) {
        this.phase = 'idle';
        return;
      }
      this.phase = 'redirecting';
      this.navigate(target.url);
    } catch (caught) {
      if (abort.signal.aborted) return;
      this.phase = 'idle';
      const error = toPaylaterError(caught);
      this.#reportError(error, 'charge');
      // The cart changed or the quote no longer fits (`CHECKOUT_CHANGED`, `QUOTE_EXPIRED`, ...): fresh plans, not a retry.
      // Paid meanwhile (`ALREADY_PAID`): loading again shows that it is paid.
      const notice = errorMessage(error);
      if (notice === 'changed' || notice === 'expired' || notice === 'paid') {
        this.notice = notice;
        this.#focusNext = 'notice';
        this.#load();
      } else {
        this.chargeError = error;
        this.#focusNext = 'continue';
      }
    }
  }

  #retryPlans() {
    this.#focusNext = 'first';
    this.reload();
  }

  // ------------------------------------------------------------ rendering

  override render() {
    const state = this.#plans.state;
    // One live region for the element's whole life, so that a screen reader hears each new load.
    return html`<div part="base" class="base">
      <p class="sr-only" role="status">${state.status === 'pending' ? this.t('loading') : ''}</p>
      ${state.status === 'complete'
        ? this.#renderPlans(state.value)
        : state.status === 'error'
          ? this.#renderProblem(toPaylaterError(state.error), () => this.#retryPlans())
          : state.status === 'pending'
            ? this.#renderSkeleton()
            : this.#renderEmpty('empty')}
    </div>`;
  }

  /** No plans to show (`key` says why); focusable, so that focus has somewhere to go. */
  #renderEmpty(key: MessageKey) {
    return html`<p part="empty" class="empty" tabindex="-1">${this.t(key)}</p>`;
  }

  /**
   * The plans' own layout with placeholders where the answer goes: the order-total line, one row per
   * expected provider (the last answer's count, else one per name in `channels`, else 5) and the
   * button, so that the plans take exactly its place. Hidden from screen readers, which hear the
   * status message above instead.
   */
  #renderSkeleton() {
    const rows = this.#rows || (this.channels && listOf(this.channels).length) || 5;
    return html`<div part="skeleton" class="skeleton">
      <div class="base" aria-hidden="true" inert>
        ${this.#renderSummary(html`<span class="bone"></span>`, true)}
        <fieldset disabled>
          <legend>${this.t('legend')}</legend>
          ${Array.from(
            { length: rows },
            () => html`<div class="provider card">
              <div class="head">
                <input type="radio" />
                <span class="name"><span class="bone"></span></span>
                <span class="from"><span class="bone"></span></span>
              </div>
            </div>`,
          )}
        </fieldset>
        <div class="actions"><button class="continue" disabled>${this.t('choose')}</button></div>
      </div>
    </div>`;
  }

  /** An error, with its retry; a paid order says so instead, with the page's link to the order (slot `paid`). */
  #renderProblem(error: PaylaterError, retry?: () => void) {
    const key = errorMessage(error);
    return html`<div part="error" class="problem" role="alert">
      <p>${this.t(key)}</p>
      ${key == 'paid'
        ? html`<slot name="paid"></slot>`
        : html`${error.requestId ? html`<p class="ref">${this.t('reference', { id: error.requestId })}</p>` : nothing}
          ${retry ? html`<button part="retry" class="secondary" @click=${retry}>${this.t('retry')}</button>` : nothing}`}
    </div>`;
  }

  /** Order total and sort control; the control keeps its place when there is nothing to sort. */
  #renderSummary(amount: unknown, sortable: boolean) {
    return html`<div part="summary" class="summary">
      <p class="total">
        <span class="desc">${this.t('orderTotal')}</span>
        <strong part="amount">${amount}</strong>
      </p>
      <label class="sort${sortable ? '' : ' unused'}"
        ><span class="desc">${this.t('sortBy')}</span>
        <select part="sort" .value=${this.sort} @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as 'monthly' | 'total')}>
          <option value="monthly">${this.t('sortMonthly')}</option>
          <option value="total">${this.t('sortTotal')}</option>
        </select></label
      >
    </div>`;
  }

  #renderPlans(plans: PlansResponseBody) {
    const { providers, currency } = plans;
    this.#rows = providers.length;
    if (!providers.length) return this.#renderEmpty('empty');
    const available = providers.filter(choosable);
    const key = this.sort === 'total' ? 'total_amount' : 'installment_amount';
    const sorted = [
      ...available.sort((a, b) => minOf(a.options, key) - minOf(b.options, key)),
      ...providers.filter((p) => !choosable(p)),
    ];
    // The cheapest option overall (lowest total; at equal cost, more payments), marked when there is a choice.
    const all = available.flatMap((p) => p.options);
    let cheapest: PlanOption | undefined;
    for (const option of all) {
      if (!cheapest || option.total_amount < cheapest.total_amount || (option.total_amount === cheapest.total_amount && option.total_recurrence > cheapest.total_recurrence)) cheapest = option;
    }
    if (all.length < 2) cheapest = undefined;
    const busy = this.phase !== 'idle';
    return html`
      ${this.#renderSummary(this.money(currency, plans.amount), available.length > 1)}
      ${this.notice ? html`<p part="notice" class="notice" role="status" tabindex="-1">${this.t(this.notice)}</p>` : nothing}
      <fieldset part="providers" ?disabled=${busy}>
        <legend part="legend">${this.t('legend')}</legend>
        ${sorted.map((p, i) => (choosable(p) ? this.#renderProvider(p, i, currency, cheapest) : this.#renderUnavailable(p, currency)))}
      </fieldset>
      ${available.length ? this.#renderActions(plans) : this.#renderEmpty('noneAvailable')}
    `;
  }

  /** A message with the amount in bold: `from <strong>Rp 129.167</strong> a month`. */
  #withAmount(key: MessageKey, amount: string) {
    const [before, after] = this.t(key, { amount: '\u0000' }).split('\u0000');
    return html`${before}<strong>${amount}</strong>${after}`;
  }

  /**
   * One provider: a row of fixed height (name, lowest monthly instalment, the "lowest total" mark),
   * and, once chosen, all its options with the note that they are the provider's estimates.
   */
  #renderProvider(provider: AvailableProvider, index: number, currency: string, cheapest: PlanOption | undefined) {
    const selected = this.selected === provider.channel_code;
    const hasCheapest = !!cheapest && provider.options.includes(cheapest);
    // The row's figure names its plan: the lowest instalment, or a single payment said as one (never "a month").
    const low = provider.options.reduce((a, b) => (b.installment_amount < a.installment_amount ? b : a));
    const lowest = this.money(currency, low.installment_amount);
    const from: MessageKey = low.total_recurrence > 1 ? 'fromMonthly' : 'payOnce';
    const label = [provider.name, this.t(from, { amount: lowest }), ...(hasCheapest ? [this.t('cheapest')] : [])].join(', ');
    const options = [...provider.options].sort((a, b) => a.total_recurrence - b.total_recurrence);
    const choose = () => this.#choose(provider);
    return html`<div part="provider${selected ? ' provider-selected' : ''}" class="provider card${selected ? ' selected' : ''}" @click=${choose}>
      <label class="head">
        <input
          type="radio"
          name="provider"
          part="radio"
          .value=${provider.channel_code}
          .checked=${selected}
          aria-label=${label}
          aria-describedby=${selected ? `details-${index}` : nothing}
          @change=${choose}
        />
        <span class="name"><span part="provider-name">${provider.name}</span>${hasCheapest ? html`<span part="badge" class="badge">${this.t('cheapest')}</span>` : nothing}</span>
        <span part="from" class="from">${this.#withAmount(from, lowest)}</span>
      </label>
      ${selected
        ? html`<div class="details" id=${`details-${index}`}>
            <ul part="options" aria-label=${provider.name}>
              ${options.map((option) => this.#renderOption(option, currency, option === cheapest))}
            </ul>
            <p part="estimate" class="estimate">${this.t('estimate', { provider: provider.name })}</p>
          </div>`
        : nothing}
    </div>`;
  }

  #renderOption(option: PlanOption, currency: string, cheapest: boolean): TemplateResult {
    const count = option.total_recurrence;
    const monthly = option.interval === 'MONTH' && option.interval_count === 1;
    const details = [
      ...(option.downpayment_amount ? [this.t('downOf', { amount: this.money(currency, option.downpayment_amount) })] : []),
      this.t('totalOf', { amount: this.money(currency, option.total_amount) }),
    ].join(', ');
    return html`<li part="option${cheapest ? ' option-cheapest' : ''}" class=${cheapest ? 'cheapest' : ''}>
      <span>
        <b>${this.t(count === 1 ? 'payment' : 'payments', { count })}</b>
        ${cheapest ? html`<span part="badge" class="badge">${this.t('cheapest')}</span>` : nothing}
        <span class="desc">${this.t('interestOf', { rate: formatPercent(this.language(), option.interest_rate) })}</span>
        ${option.description ? html`<span class="desc">${option.description}</span>` : nothing}
      </span>
      <span class="amounts">
        ${count === 1
          ? html`<strong>${this.money(currency, option.installment_amount)}</strong>`
          : this.#withAmount(monthly ? 'perMonth' : 'perPayment', this.money(currency, option.installment_amount))}
        <span class="desc">${details}</span>
      </span>
    </li>`;
  }

  #renderUnavailable(provider: Provider, currency: string) {
    const reason = this.#reasonText(provider.available ? { code: 'NO_PLANS' } : provider.reason, currency);
    return html`<div part="provider provider-unavailable" class="provider card unavailable">
      <label class="head">
        <input type="radio" name="provider" part="radio" disabled aria-label=${`${provider.name}, ${reason}`} />
        <span class="name"><span part="provider-name">${provider.name}</span></span>
        <span part="reason" class="reason">${reason}</span>
      </label>
    </div>`;
  }

  #reasonText(reason: UnavailableReason, orderCurrency: string): string {
    const details = reason as Record<string, unknown>;
    const currency = typeof details.currency === 'string' ? details.currency : orderCurrency;
    const limit = details.min_amount ?? details.max_amount;
    return this.t(REASONS[reason.code] ?? (reason.code.startsWith('PROVIDER_') ? 'reasonTemporary' : 'reasonOther'), {
      currency,
      amount: this.money(currency, typeof limit === 'number' ? limit : 0),
    });
  }

  #renderActions(plans: PlansResponseBody) {
    const provider = this.#selectedProvider(plans);
    const name = provider?.name ?? '';
    const phase = this.phase;
    const busy = phase !== 'idle';
    // 'submitting' and 'redirecting' are the keys of their messages too.
    const text = this.t(phase !== 'idle' ? phase : provider ? 'continueWith' : 'choose', { provider: name });
    return html`<div part="actions" class="actions">
      ${this.chargeError ? this.#renderProblem(this.chargeError) : nothing}
      <button
        part="continue"
        class="continue"
        ?disabled=${!provider}
        aria-disabled=${busy ? 'true' : nothing}
        aria-busy=${busy ? 'true' : nothing}
        @click=${this.#submit}
      >
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${text}
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-checkout': PaylaterCheckout;
  }
}
