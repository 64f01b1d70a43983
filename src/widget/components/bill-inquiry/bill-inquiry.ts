import { html, nothing, type PropertyValues } from 'lit';
import type { BillInquiryResponseBody, BillProduct } from '../../../contract/index.js';
import type { PaylaterError } from '../../shared/client.js';
import { toPaylaterError } from '../../shared/errors.js';
import { PaylaterElement } from '../../shared/element.js';
import { renderProblem } from '../../shared/problem.js';
import { PaylaterErrorEvent } from '../../shared/events.js';
import type { Params } from '../../shared/i18n.js';
import { Loader } from '../../shared/loader.js';
import { base } from '../../shared/styles.js';
import { billStyles } from './bill-inquiry.styles.js';
import { fetchBillProducts, inquireBill } from '../../shared/bills-client.js';
import { PaylaterBillClearEvent, PaylaterBillReadyEvent } from './bill.events.js';
import { billErrorText, billMessage, type BillMessageKey } from './bill.messages.js';
import { renderNumberField, renderProduct, renderResult, renderSkeleton, type BillWords } from './bill-inquiry.view.js';

/** A PLN customer or meter number: 11 or 12 digits. */
const NUMBER = /^\d{11,12}$/;
/** Spaces, dots and dashes a shopper may type between the digits. */
const SEPARATORS = /[\s.-]/g;
/** Errors the shopper fixes by correcting the number: the input is marked invalid and described by the message. */
const NUMBER_ERRORS = new Set(['BILL_CUSTOMER_NOT_FOUND', 'BILL_INVALID_NUMBER', 'BILL_NUMBER_RESTRICTED']);
/** Errors worth trying again as they are: the biller or the network, not the number. */
const RETRY = new Set(['BILLER_MAINTENANCE', 'BILLER_TIMEOUT', 'BILLER_ERROR', 'NETWORK_ERROR', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT', 'INTERNAL', 'CONFLICT', 'INVALID_RESPONSE']);

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
const STATE = { phase: { state: true }, result: { state: true }, error: { state: true }, invalid: { state: true } };

/** A `<paylater-checkout>`, or anything with a `checkout` property, that the inquiry hands over to. */
type CheckoutElement = HTMLElement & { checkout: string };

/**
 * Lets the shopper pay an electricity (PLN) bill or buy a prepaid token with PayLater: pick the
 * product, type the meter or customer number, see what the biller says is owed, then hand the
 * checkout handle to `<paylater-checkout>` (named by `checkout-target`, or through the
 * `paylater-bill-ready` event) to choose a plan. The amount comes from the biller through the
 * companion, never from the page.
 *
 * @tagname paylater-bill-inquiry
 * @summary PLN bill or token: the number, the amount owed, then PayLater.
 *
 * @csspart base - The wrapper of everything inside.
 * @csspart skeleton - The loading placeholder.
 * @csspart form - The form: products, number, button.
 * @csspart products - The `<fieldset>` of products (a radio group).
 * @csspart legend - The radio group's legend.
 * @csspart product - One product; also `product-selected` or `product-unavailable`.
 * @csspart radio - A product's radio button.
 * @csspart product-name - A product's name.
 * @csspart price - A product's price (prepaid), or that the amount comes after the check (postpaid).
 * @csspart field - The number's label, input, hint and error.
 * @csspart label - The label of the number.
 * @csspart input - The number input.
 * @csspart hint - "11–12 digits".
 * @csspart invalid - The message when the number does not have 11 or 12 digits.
 * @csspart submit - The check button.
 * @csspart error - A failed check (or failed loading) in words, with its way forward.
 * @csspart retry - The "try again" button of an error that may pass.
 * @csspart result - What the biller says is owed.
 * @csspart result-title - The result's heading.
 * @csspart periods - The bill periods of a postpaid bill, each with its amount.
 * @csspart total - The total to pay.
 * @csspart next - The pointer to the PayLater plans below (when `checkout-target` is set).
 * @csspart empty - The message when no product is available.
 *
 * @cssprop --paylater-accent - Accent colour: selection, button, focus ring.
 * @cssprop --paylater-on-accent - Text on the accent colour.
 * @cssprop --paylater-bg - Card and input background.
 * @cssprop --paylater-text - Text colour.
 * @cssprop --paylater-muted - Secondary text.
 * @cssprop --paylater-border - Borders.
 * @cssprop --paylater-selected-bg - Background of the chosen product.
 * @cssprop --paylater-subtle-bg - Background of unavailable products and the skeleton.
 * @cssprop --paylater-error - Error text and the invalid input's border.
 * @cssprop --paylater-focus - Focus ring (default: the accent).
 * @cssprop --paylater-radius - Corner radius of cards, input and buttons.
 * @cssprop --paylater-gap - Space between the parts.
 * @cssprop --paylater-font - Font family (default: inherited).
 *
 * @event {PaylaterBillReadyEvent} paylater-bill-ready - The biller answered; `detail` is the inquiry (`checkout`, `total_amount`, `currency`, ...).
 * @event {PaylaterBillClearEvent} paylater-bill-clear - The shopper changed the product or number: the last inquiry's checkout is withdrawn.
 * @event {PaylaterErrorEvent} paylater-error - Loading the products (`stage: 'products'`) or the inquiry (`stage: 'inquiry'`) failed.
 */
export class PaylaterBillInquiry extends PaylaterElement {
  // Reactive properties declared without decorators, like the other elements; `endpoint` and
  // `locale` come from `PaylaterElement`.
  static override properties = {
    product: {},
    customerNumber: { attribute: 'customer-number' },
    checkoutTarget: { attribute: 'checkout-target' },
    ...STATE,
  };
  static override styles = [base, billStyles];

  /** The chosen product id: set it to preselect one; it follows the shopper's choice. Default: the first available. */
  product = '';

  /** The meter or customer number: set it to prefill the input; it follows what the shopper types. */
  customerNumber = '';

  /**
   * Id of the `<paylater-checkout>` (in the same document or shadow root) that pays the bill: its
   * `checkout` is set and its `hidden` attribute removed once the biller answered; both are undone
   * when the shopper changes the product or the number.
   */
  checkoutTarget = '';

  private phase: 'idle' | 'checking' = 'idle';
  private result: BillInquiryResponseBody | undefined;
  private error: PaylaterError | undefined;
  private invalid = false;

  #abort: AbortController | undefined;
  #focusNext: string | undefined;

  readonly #products = new Loader(this, {
    args: () => [this.endpoint] as const,
    load: ([endpoint], signal) => fetchBillProducts(endpoint, signal),
    onComplete: (products) => {
      if (!products.some((p) => p.available && p.id === this.product)) this.product = products.find((p) => p.available)?.id ?? '';
    },
    onError: (error) => this.#reportError(toPaylaterError(error), 'products'),
  });

  /** The inquiry shown now (what `paylater-bill-ready` carried), if any. */
  get inquiry(): BillInquiryResponseBody | undefined {
    return this.result;
  }

  /** Checks the number now, as the button does (after the digit check). */
  check(): Promise<void> {
    return this.#submit();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.phase = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has('endpoint')) this.#withdraw();
  }

  protected override updated(): void {
    if (!this.#focusNext || this.#products.state.status === 'pending') return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    this.#focusNext = undefined;
    target?.focus();
  }

  #b(key: BillMessageKey, params?: Params): string {
    return billMessage(this.language(), key, params);
  }

  #target(): CheckoutElement | null {
    if (!this.checkoutTarget) return null;
    const root = this.getRootNode() as Document | ShadowRoot;
    return (root.getElementById?.(this.checkoutTarget) ?? document.getElementById(this.checkoutTarget)) as CheckoutElement | null;
  }

  #chosen(products: readonly BillProduct[]): BillProduct | undefined {
    return products.find((p) => p.available && p.id === this.product) ?? products.find((p) => p.available);
  }

  #reportError(error: PaylaterError, stage: 'products' | 'inquiry', biller?: string) {
    const event = new PaylaterErrorEvent({
      code: error.code,
      status: error.status,
      message: billErrorText(this.language(), error, biller),
      stage,
      ...(error.requestId ? { requestId: error.requestId } : {}),
    });
    this.dispatchEvent(event);
  }

  /** Drops the shown inquiry (and any check under way or its error): the product or number changed. */
  #withdraw() {
    this.#abort?.abort();
    this.phase = 'idle';
    this.error = undefined;
    const shown = this.result;
    if (!shown) return;
    this.result = undefined;
    const target = this.#target();
    if (target && target.checkout === shown.checkout) {
      target.checkout = '';
      target.hidden = true;
    }
    const event = new PaylaterBillClearEvent({ checkout: shown.checkout });
    this.dispatchEvent(event);
  }

  #choose(product: BillProduct) {
    if (product.id === this.product) return;
    this.product = product.id;
    this.#withdraw();
  }

  #onInput(event: Event) {
    this.customerNumber = (event.target as HTMLInputElement).value;
    if (this.result || this.error || this.phase !== 'idle') this.#withdraw();
    if (this.invalid && NUMBER.test(this.customerNumber.replace(SEPARATORS, ''))) this.invalid = false;
  }

  async #submit(event?: Event) {
    event?.preventDefault();
    const product = this.#chosen(this.#products.value ?? []);
    if (!product || this.phase !== 'idle') return;
    const number = this.customerNumber.replace(SEPARATORS, '');
    // From the retry button, which goes away with its error: focus moves to the check button.
    if ((this.renderRoot as ShadowRoot).activeElement?.closest('[part~=error]')) this.#focusNext = '[part~=submit]';
    this.#withdraw();
    this.invalid = !NUMBER.test(number);
    if (this.invalid) {
      this.#focusNext = '#number';
      return;
    }
    this.phase = 'checking';
    const abort = (this.#abort = new AbortController());
    try {
      const result = await inquireBill(this.endpoint, product.id, number, abort.signal);
      this.phase = 'idle';
      this.result = result;
      // The result is announced (a live region) and focus stays where it is, so that Tab goes on to
      // the plans below.
      await this.updateComplete;
      if (this.result !== result) return;
      const event = new PaylaterBillReadyEvent(result);
      this.dispatchEvent(event);
      const target = this.#target();
      if (target) {
        target.checkout = result.checkout;
        target.hidden = false;
      }
    } catch (caught) {
      if (abort.signal.aborted) return;
      this.phase = 'idle';
      const error = (this.error = toPaylaterError(caught));
      this.#focusNext = '[part~=error]';
      this.#reportError(error, 'inquiry', product.biller || undefined);
    }
  }

  #reload() {
    this.#focusNext = '[part~=radio]:checked';
    void this.#products.run();
  }

  // ------------------------------------------------------------ rendering

  override render() {
    const state = this.#products.state;
    return html`<div part="base" class="base">
      ${state.status === 'complete'
        ? this.#renderForm(state.value)
        : state.status === 'error'
          ? this.#renderProblem(toPaylaterError(state.error), () => this.#reload())
          : renderSkeleton(this.#words())}
    </div>`;
  }

  #renderProblem(error: PaylaterError, retry?: () => void, biller?: string) {
    return renderProblem((key, params) => this.t(key, params), billErrorText(this.language(), error, biller), error, retry);
  }

  #renderForm(products: readonly BillProduct[]) {
    const product = this.#chosen(products);
    if (!product) return html`<p part="empty" class="empty">${this.#b('none')}</p>`;
    const postpaid = product.total_amount === null;
    const busy = this.phase === 'checking';
    const error = this.error;
    const numberError = this.invalid || (!!error && NUMBER_ERRORS.has(error.code));
    return html`
      <form part="form" novalidate @submit=${this.#submit}>
        <fieldset part="products">
          <legend part="legend">${this.#b('legend')}</legend>
          ${products.map((p) => renderProduct(this.#words(), p, p === product, () => this.#choose(p)))}
        </fieldset>
        ${renderNumberField(this.#words(), { postpaid, value: this.customerNumber, invalid: this.invalid, numberError, onInput: this.#onInput })}
        <button part="submit" class="submit" type="submit" aria-disabled=${busy ? 'true' : nothing} aria-busy=${busy ? 'true' : nothing}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${this.#b('checking')}` : this.#b('check')}
        </button>
      </form>
      ${error ? this.#renderProblem(error, RETRY.has(error.code) || error.status >= 500 ? () => void this.#submit() : undefined, product.biller || undefined) : nothing}
      <div class="outcome" role="status">${this.result ? renderResult(this.#words(), this.result, postpaid, !!this.checkoutTarget) : nothing}</div>
    `;
  }

  /** The words of the view functions (`bill-inquiry.view.ts`): the bill texts and money in the element's language. */
  #words(): BillWords {
    return { b: (key, params) => this.#b(key, params), money: (currency, amount) => this.money(currency, amount) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-bill-inquiry': PaylaterBillInquiry;
  }
}
