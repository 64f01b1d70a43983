import { html, nothing, type PropertyValues } from 'lit';
import type { AvailableProvider, ChargeResponseBody, PlansResponseBody } from '../../../contract/index.js';
import { createCharge, fetchPlans, PaylaterError } from '../../shared/client.js';
import { chooseCheckoutUrl, detectDevice, inAppBrowserOs } from '../../shared/device.js';
import { PaylaterReadyEvent, PaylaterRedirectEvent, PaylaterSelectEvent } from '../../shared/events.js';
import { PaylaterElement } from '../../shared/element.js';
import { choosable, lowestTotal, ordered, shownOptions, tenorsOf } from './compare.js';
import { errorEvent, errorMessage, toPaylaterError } from '../../shared/errors.js';
import { addMessages, type MessageKey } from '../../shared/i18n.js';
import { Loader } from '../../shared/loader.js';
import { base } from '../../shared/styles.js';
import { CHECKOUT_MESSAGES } from './checkout.messages.js';
import { OPTIONS_MESSAGES } from './options.messages.js';
import { checkoutStyles, optionsStyles } from './checkout.styles.js';
import { renderEmpty, renderProblem, renderProvider, renderSkeleton, renderSummary, renderTenors, renderUnavailable, tenorName, type RowView, type Sort, type Words } from './checkout.view.js';

type Phase = 'idle' | Extract<MessageKey, 'submitting' | 'redirecting'>;
type FocusTarget = 'notice' | 'continue' | 'retry' | 'first';

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
 * @csspart in-app - In an in-app browser (Instagram, Facebook, TikTok, LINE...): the note above the plans, with the way to the shopper's own browser (`<paylater-in-app-note>`).
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
  static override styles = [base, optionsStyles, checkoutStyles];

  /**
   * Loads `<paylater-in-app-note>`, asked for only in an in-app browser: set by the entry points
   * (the CDN file fetches `paylater-in-app.js` beside it). Without it nothing is shown there.
   */
  static inApp: (() => Promise<unknown>) | undefined;

  static {
    addMessages(CHECKOUT_MESSAGES);
    addMessages(OPTIONS_MESSAGES);
  }

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
  /** The words of the render under way. */
  #w!: Words;
  /** Options per provider in the last answer (0: unavailable): what the skeleton draws when loading again. */
  #shape: number[] = [];
  /** In an in-app browser: the mobile web page then, never the app link, and the note. */
  #inApp: 'ios' | 'android' | undefined;

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
    if ((this.#inApp = inAppBrowserOs(navigator.userAgent))) PaylaterCheckout.inApp?.().catch(() => undefined);
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
      const target = chooseCheckoutUrl(charge.checkout_url, this.device === 'auto' ? detectDevice() : this.device, !!this.#inApp);
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

  /** The element's words for the drawing functions (`checkout.view.ts`). */
  #words(): Words {
    return { t: (key, params) => this.t(key, params), money: (currency, amount) => this.money(currency, amount), lang: this.language() };
  }

  override render() {
    const state = this.#plans.state;
    const w = (this.#w = this.#words());
    // One live region for the element's whole life, so that a screen reader hears each new load.
    return html`<div part="base" class="base">
      <p class="sr-only" role="status">${state.status === 'pending' ? this.t('loading') : ''}</p>
      ${this.#inApp ? html`<paylater-in-app-note part="in-app" .locale=${w.lang}></paylater-in-app-note>` : nothing}
      ${state.status === 'complete'
        ? this.#renderPlans(state.value)
        : state.status === 'error'
          ? renderProblem(w, toPaylaterError(state.error), () => this.#retryPlans())
          : state.status === 'pending'
            ? // The last answer's shape, else one card per name in `channels` (else 5) with 4 option rows:
              // what the companion offers for an IDR order of about Rp 600,000 or more.
              renderSkeleton(w, this.#shape.length ? this.#shape : Array<number>((this.channels && listOf(this.channels).length) || 5).fill(4), this.sort)
            : renderEmpty(w, 'empty')}
    </div>`;
  }

  #renderPlans(plans: PlansResponseBody) {
    const { providers, currency, amount } = plans;
    this.#shape = providers.map((p) => (choosable(p) ? p.options.length : 0));
    const w = this.#w;
    if (!providers.length) return renderEmpty(w, 'empty');
    const available = providers.filter(choosable);
    const tenors = tenorsOf(available);
    // A tenor chosen before fresh plans that no longer offer it: all of them again.
    const tenor = tenors.includes(this.tenor!) ? this.tenor : undefined;
    const best = lowestTotal(available.flatMap((p) => shownOptions(p, tenor)));
    const busy = this.phase !== 'idle';
    const all = available.flatMap((p) => p.options);
    const names = tenors.map((n) => tenorName(w, all.find((o) => o.total_recurrence === n)!));
    const view: RowView = { currency, amount, tenor, tenorName: names[tenors.indexOf(tenor!)] ?? '', best };
    return html`
      ${renderSummary(w, this.money(currency, amount), available.length > 1, this.sort, (sort) => (this.sort = sort))}
      ${this.notice ? html`<p part="notice" class="notice" role="status" tabindex="-1">${this.t(this.notice)}</p>` : nothing}
      ${renderTenors(w, tenors, names, tenor, (n) => (this.tenor = n))}
      <fieldset part="providers" ?disabled=${busy}>
        <legend part="legend">${this.t('legend')}</legend>
        ${ordered(providers, this.sort, tenor).map((p, i) =>
          choosable(p) ? renderProvider(w, p, i, view, this.selected === p.channel_code, () => this.#choose(p)) : renderUnavailable(w, p, currency),
        )}
      </fieldset>
      ${available.length ? this.#renderActions(plans) : renderEmpty(w, 'noneAvailable')}
    `;
  }

  #renderActions(plans: PlansResponseBody) {
    const provider = this.#selectedProvider(plans);
    const name = provider?.name ?? '';
    const phase = this.phase;
    const busy = phase !== 'idle';
    // 'submitting' and 'redirecting' are the keys of their messages too.
    const text = this.t(phase !== 'idle' ? phase : provider ? 'continueWith' : 'choose', { provider: name });
    return html`<div part="actions" class="actions">
      ${this.chargeError ? renderProblem(this.#w, this.chargeError) : nothing}
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
