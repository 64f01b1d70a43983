import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AvailableProvider, ChargeResponseBody, PlanOption, PlansResponseBody, Provider, UnavailableReason } from '../contract/index.js';
import { createCharge, fetchPlans, PaylaterError } from './client.js';
import { chooseCheckoutUrl, detectDevice } from './device.js';
import { PaylaterReadyEvent, PaylaterRedirectEvent, PaylaterSelectEvent } from './events.js';
import { PaylaterElement } from './element.js';
import { choosable, interestFree, lowestTotal, ordered, shownOptions, tenorsOf } from './compare.js';
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

/** What every provider's rows are drawn with: the order, the tenor shown (all when undefined) and the one cheapest option. */
interface RowView {
  currency: string;
  amount: number;
  tenor: number | undefined;
  /** The chosen tenor's name ("3×"), for a provider without it. */
  tenorName: string;
  best: PlanOption | undefined;
}

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
const STATE = {
  selected: { state: true },
  tenor: { state: true },
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
 * @csspart skeleton - The loading placeholder: the plans' layout with placeholder bars (the last answer's shape, else 4 options per provider).
 * @csspart summary - The order total and sort control.
 * @csspart amount - The order total.
 * @csspart sort - The sort `<select>`.
 * @csspart notice - The message shown after the plans were refreshed (cart changed, plans expired).
 * @csspart providers - The `<fieldset>` holding the providers (the radio group).
 * @csspart legend - The radio group's legend.
 * @csspart provider - One provider's card; also `provider-selected` or `provider-unavailable`.
 * @csspart radio - A provider's radio button.
 * @csspart provider-name - A provider's name.
 * @csspart tenors - The tenor chips (a radio group): all tenors, or one compared across providers.
 * @csspart badge - A mark after a provider's name: "Lowest total" (the one strictly cheapest option is its) or "0% instalments".
 * @csspart reason - Why a provider is not available.
 * @csspart options - A provider's table of plan options (its estimates), always shown.
 * @csspart option - One plan option (a table row); also `option-cheapest` on the one cheapest of all.
 * @csspart estimate - The note above the button: the final plan is chosen and approved on the provider's page.
 * @csspart actions - The note and the continue button, kept at the bottom of the screen while the plans scroll.
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
  /** The tenor compared across providers (number of payments), or all of them. */
  private tenor: number | undefined;
  private phase: Phase = 'idle';
  private chargeError: PaylaterError | undefined;
  private notice: MessageKey | undefined;

  // Non-reactive internals are ES private members (`#`): really private, and the minifier shortens them.
  readonly #charges = new Map<string, ChargeResponseBody>();
  #chargeAbort: AbortController | undefined;
  #focusNext: FocusTarget | undefined;
  /** Options per provider in the last answer (0: unavailable): what the skeleton draws when loading again. */
  #shape: number[] = [];

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
      if (changed.has('channels')) this.#shape = [];
    }
  }

  protected override updated(): void {
    const target = this.#focusNext;
    const { status } = this.#plans.state;
    if (!target || status === 'pending') return;
    const root = this.renderRoot as ShadowRoot;
    const selector = status === 'error' ? '[part~=retry]' : target === 'first' ? '[part~=radio]:enabled' : `[part~=${target}]`;
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
   * The plans' own layout with placeholders where the answer goes: the order-total line, the tenor
   * choice, one card per expected provider with as many option rows (the last answer's, else one
   * card per name in `channels`, else 5, with 4 rows each: what the companion offers for an IDR
   * order of Rp 600,000 or more) and the button, so that the plans take its place. Hidden from
   * screen readers, which hear the status message above instead.
   */
  #renderSkeleton() {
    const bone = html`<span class="bone"></span>`;
    const shape = this.#shape.length ? this.#shape : Array<number>((this.channels && listOf(this.channels).length) || 5).fill(4);
    const line = html`<tr>
      <th>${bone}<span class="desc">${bone}</span></th>
      <td>${bone}<span class="desc">${bone}</span></td>
      <td>${bone}<span class="desc">${bone}</span></td>
    </tr>`;
    return html`<div part="skeleton" class="skeleton">
      <div class="base" aria-hidden="true" inert>
        ${this.#renderSummary(bone, true)}
        <div class="tenors"><span class="desc">${this.t('tenor')}</span><label class="chip">${bone}</label></div>
        <fieldset disabled>
          <legend>${this.t('legend')}</legend>
          ${shape.map(
            (rows) => html`<div class="provider card">
              <div class="head">
                <input type="radio" />
                <span class="name"><span>${bone}</span></span>
                ${rows ? nothing : html`<span class="reason">${bone}</span>`}
              </div>
              ${rows ? this.#renderTable('', Array<unknown>(rows).fill(line)) : nothing}
            </div>`,
          )}
        </fieldset>
        <div class="actions">
          <p class="estimate">${this.t('confirm')}</p>
          <button class="continue" disabled>${this.t('choose')}</button>
        </div>
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
    const { providers, currency, amount } = plans;
    this.#shape = providers.map((p) => (choosable(p) ? p.options.length : 0));
    if (!providers.length) return this.#renderEmpty('empty');
    const available = providers.filter(choosable);
    const tenors = tenorsOf(available);
    // A tenor chosen before fresh plans that no longer offer it: all of them again.
    const tenor = tenors.includes(this.tenor!) ? this.tenor : undefined;
    const best = lowestTotal(available.flatMap((p) => shownOptions(p, tenor)));
    const busy = this.phase !== 'idle';
    const all = available.flatMap((p) => p.options);
    const names = tenors.map((n) => this.#tenorName(all.find((o) => o.total_recurrence === n)!));
    const view: RowView = { currency, amount, tenor, tenorName: names[tenors.indexOf(tenor!)] ?? '', best };
    return html`
      ${this.#renderSummary(this.money(currency, amount), available.length > 1)}
      ${this.notice ? html`<p part="notice" class="notice" role="status" tabindex="-1">${this.t(this.notice)}</p>` : nothing}
      ${this.#renderTenors(tenors, names, tenor)}
      <fieldset part="providers" ?disabled=${busy}>
        <legend part="legend">${this.t('legend')}</legend>
        ${ordered(providers, this.sort, tenor).map((p, i) => (choosable(p) ? this.#renderProvider(p, i, view) : this.#renderUnavailable(p, currency)))}
      </fieldset>
      ${available.length ? this.#renderActions(plans) : this.#renderEmpty('noneAvailable')}
    `;
  }

  /** "Tenor: All · 30 days · 3× · 6× · 12×": one tenor across every provider, or all of them. */
  #renderTenors(tenors: number[], names: string[], tenor: number | undefined) {
    const chip = (n: number | undefined, label: string) =>
      html`<label class="chip"><input type="radio" name="tenor" .checked=${tenor === n} @change=${() => (this.tenor = n)} />${label}</label>`;
    return html`<div part="tenors" class="tenors" role="radiogroup" aria-labelledby="tenor-label">
      <span id="tenor-label" class="desc">${this.t('tenor')}</span>
      ${chip(undefined, this.t('tenorAll'))}
      ${tenors.map((n, i) => chip(n, names[i]!))}
    </div>`;
  }

  /** "30 days" for one payment a month later, else "3×" (as many payments). */
  #tenorName(option: PlanOption) {
    const count = option.total_recurrence;
    return count === 1 && option.interval === 'MONTH' && option.interval_count === 1 ? this.t('days30') : this.t('times', { count });
  }

  /**
   * One provider: its name with the marks that are true of it ("0% instalments"; "Lowest total"
   * when it holds the one cheapest option), and every option shown in a compact table: tenor and
   * interest a month, the amount of each payment, the total with the interest in money (and a down
   * payment, when there is one).
   */
  #renderProvider(provider: AvailableProvider, index: number, view: RowView) {
    const { currency, amount, tenor, tenorName, best } = view;
    const selected = this.selected === provider.channel_code;
    const options = shownOptions(provider, tenor);
    const marks = [
      ...(options.some((o) => interestFree(o, amount)) ? [this.t('interestFree')] : []),
      ...(best && options.includes(best) ? [this.t('cheapest')] : []),
    ];
    const choose = () => this.#choose(provider);
    const id = `plans-${index}`;
    return html`<div part="provider${selected ? ' provider-selected' : ''}" class="provider card${selected ? ' selected' : ''}" @click=${choose}>
      <label class="head">
        <input
          type="radio"
          name="provider"
          part="radio"
          .value=${provider.channel_code}
          .checked=${selected}
          aria-label=${[provider.name, ...marks].join(', ')}
          aria-describedby=${selected ? id : nothing}
          @change=${choose}
        />
        <span class="name"><span part="provider-name">${provider.name}</span>${marks.map((mark) => html`<span part="badge" class="badge">${mark}</span>`)}</span>
      </label>
      ${options.length
        ? this.#renderTable(
            id,
            options.map((option) => this.#renderOption(option, currency, amount, option === best)),
          )
        : html`<p class="none desc">${this.t('noTenor', { tenor: tenorName })}</p>`}
    </div>`;
  }

  /** The options' table (the skeleton draws the same with placeholder rows). */
  #renderTable(id: string, rows: unknown[]) {
    return html`<div class="plans"><table part="options" id=${id}>
      <thead>
        <tr>
          <th scope="col">${this.t('colTenor')}</th>
          <th scope="col">${this.t('colPay')}</th>
          <th scope="col">${this.t('colTotal')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table></div>`;
  }

  #renderOption(option: PlanOption, currency: string, amount: number, cheapest: boolean): TemplateResult {
    const count = option.total_recurrence;
    const rate = formatPercent(this.language(), option.interest_rate);
    const interest = option.total_amount - amount;
    const down = option.downpayment_amount;
    return html`<tr part="option${cheapest ? ' option-cheapest' : ''}" class=${cheapest ? 'cheapest' : ''}>
      <th scope="row">${this.#tenorName(option)}<span class="desc">${count > 1 ? this.t('ratePerMonth', { rate }) : rate}</span></th>
      <td>
        ${this.money(currency, option.installment_amount)}<span class="desc"
          >${this.t(count === 1 ? 'once' : option.interval === 'MONTH' && option.interval_count === 1 ? 'perMonth' : 'perPayment')}</span
        >
      </td>
      <td>
        ${this.money(currency, option.total_amount)}<span class="desc"
          >${interest > 0 ? this.t('interestOf', { amount: this.money(currency, interest) }) : this.t('noInterest')}${down
            ? html`<br />${this.t('downOf', { amount: this.money(currency, down) })}`
            : nothing}</span
        >
      </td>
    </tr>`;
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
      <p part="estimate" class="estimate" id="confirm">${this.t(provider ? 'confirmWith' : 'confirm', { provider: name })}</p>
      <button
        part="continue"
        class="continue"
        aria-describedby="confirm"
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
