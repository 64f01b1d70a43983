import type { PropertyValues } from 'lit';
import type { AvailableProvider, ChargeResponseBody, PlansResponseBody } from '../../../contract/index.js';
import { createCharge, fetchPlans, PaylaterError } from '../../shared/client.js';
import { chooseCheckoutUrl, detectDevice, inAppBrowserOs } from '../../shared/device.js';
import { PaylaterReadyEvent, PaylaterRedirectEvent, PaylaterSelectEvent } from '../../shared/events.js';
import { PaylaterElement } from '../../shared/element.js';
import { choosable } from './compare.js';
import { errorEvent, errorMessage, toPaylaterError } from '../../shared/errors.js';
import { addMessages, type MessageKey, type Params } from '../../shared/i18n.js';
import { Loader } from '../../shared/loader.js';
import { base } from '../../shared/styles.js';
import { CHECKOUT_MESSAGES } from './checkout.messages.js';
import { OPTIONS_MESSAGES } from './options.messages.js';
import { checkoutStyles, optionsStyles } from './checkout.styles.js';
import { renderCheckoutView, type CheckoutHandlers } from './checkout.template.js';
import { listChanged, listConverter, listOf, STATE, type FocusTarget, type Phase } from './checkout.props.js';
import { parsePlansResponse } from '../../../contract/index.js';
import { added } from '../../shared/registry.js';

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
    name: {},
    required: { type: Boolean },
    ...STATE,
  };
  static override styles = [base, optionsStyles, checkoutStyles];
  /** A field of the page's own form when it has a `name` (`ElementInternals`). */
  static formAssociated = true;

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

  /**
   * Makes the element a field of the form it is in, under this name: the form then submits the
   * chosen provider's channel code as `{name}`, its plan as `{name}-plan` and the signed quote as
   * `{name}-quote` (what `companion.createCharge` takes), and the element draws no button of its own.
   */
  name: string | undefined;

  /** With `name`: the form cannot be submitted until a provider is chosen (the message is in the element's language). */
  required = false;

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
  readonly #internals = this.attachInternals();
  /** The form's disabled state (a disabled `<fieldset>` around the element), and the choice the browser restored. */
  #formDisabled = false;
  #restored: string | undefined;
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
      // The choice the browser kept in the form (back, or restored after a crash), when it is still offered.
      if (plans.providers.some((p) => choosable(p) && p.channel_code === this.#restored)) this.selected = this.#restored;
      this.#restored = undefined;
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

  /**
   * The render root; when the companion rendered the checkout into the page
   * (`companion.renderCheckout`), it is already there with the plans in it, and the plans are in a
   * `<script type="application/json">` inside the element: they are taken as loaded (no request),
   * with a provider the shopper chose meanwhile, and the element draws the same over the server's
   * drawing in this task, before the page is painted again.
   */
  protected override createRenderRoot() {
    // The server's drawing (a declarative shadow root), emptied before Lit takes the root over.
    const drawn = this.shadowRoot;
    try {
      const { checkout, plans, lang, texts } = JSON.parse(this.querySelector('script[type="application/json"]')?.textContent ?? 'null') ?? {};
      const value = parsePlansResponse(plans);
      if (checkout === this.checkout && Date.parse(value.expires_at) > Date.now()) {
        // The texts the server drew with (its language's, the rarely shown ones included), unless
        // the page has its own: the same words, at once, with no request.
        if (texts) added[lang] = { ...texts, ...added[lang] };
        const chosen = drawn?.querySelector<HTMLInputElement>('[name=plan]:checked')?.value;
        this.#restored = value.providers.find((p) => choosable(p) && p.plan_id === chosen)?.channel_code;
        // Focus where it was: the chosen (or first) radio, the sort control or the button.
        const part = drawn?.activeElement?.getAttribute('part');
        if (part) this.#focusNext = part === 'radio' ? (chosen ? 'checked' : 'first') : (part as FocusTarget);
        this.#plans.set(value);
      }
    } catch {
      // None, or not for this element: it loads the plans itself.
    }
    drawn?.replaceChildren();
    return super.createRenderRoot();
  }

  /** As a form control's: why the form may not be sent yet ("Choose a provider", with `required`), or ''. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  formResetCallback(): void {
    this.selected = undefined;
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: string | null): void {
    const plans = this.#plans.value;
    if (plans) {
      if (plans.providers.some((p) => choosable(p) && p.channel_code === state)) this.selected = state!;
    } else this.#restored = state ?? undefined;
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
    const plans = this.#plans.value;
    const provider = this.#selectedProvider(plans);
    const root = this.renderRoot as ShadowRoot;
    let value: FormData | null = null;
    if (this.name && provider) {
      value = new FormData();
      value.append(this.name, provider.channel_code);
      value.append(`${this.name}-plan`, provider.plan_id);
      value.append(`${this.name}-quote`, plans!.quote);
    }
    this.#internals.setFormValue(value, this.selected ?? null);
    // Nothing chosen: the browser's bubble on the first radio says so in the element's language (its
    // own form's required radios; as a field of the page's form, with `required`, that form's).
    const first = root.querySelector<HTMLInputElement>('[part~=radio]:enabled');
    const missing = provider ? '' : this.t('choose');
    first?.setCustomValidity(missing);
    this.#internals.setValidity({ valueMissing: this.required && !provider }, missing, first ?? undefined);
    const target = this.#focusNext;
    const { status } = this.#plans.state;
    if (!target || status === 'pending') return;
    const selector = status === 'error' ? '[part~=retry]' : target === 'first' ? '[part~=radio]:enabled' : target === 'checked' ? '[part~=radio]:checked' : `[part~=${target}]`;
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

  override render() {
    const plans = this.#plans.state;
    if (plans.status === 'complete') this.#shape = plans.value.providers.map((p) => (choosable(p) ? p.options.length : 0));
    const w = { t: (key: MessageKey, params?: Params) => this.t(key, params), money: (currency: string, amount: number) => this.money(currency, amount), lang: this.language() };
    return renderCheckoutView(w, {
      plans,
      endpoint: this.endpoint,
      sort: this.sort,
      tenor: this.tenor,
      selected: this.selected,
      phase: this.phase,
      notice: this.notice,
      chargeError: this.chargeError,
      // The last answer's shape, else one card per name in `channels` (else 5) with 4 option rows:
      // what the companion offers for an IDR order of about Rp 600,000 or more.
      shape: this.#shape.length ? this.#shape : Array<number>((this.channels && listOf(this.channels).length) || 5).fill(4),
      field: !!this.name,
      disabled: this.#formDisabled,
      inApp: !!this.#inApp,
      on: this.#on,
    });
  }

  readonly #on: CheckoutHandlers = {
    sort: (sort) => (this.sort = sort),
    tenor: (tenor) => (this.tenor = tenor),
    choose: (provider) => this.#choose(provider),
    submit: (event) => {
      event.preventDefault();
      // A field of the page's form: Enter on a radio submits that form.
      if (this.name) this.#internals.form?.requestSubmit();
      else void this.#submit();
    },
    retry: () => this.#retryPlans(),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-checkout': PaylaterCheckout;
  }
}
