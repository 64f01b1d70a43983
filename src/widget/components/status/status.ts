import { html, nothing, type PropertyValues } from 'lit';
import { parseStatusResponse, PROVIDER_NAMES, type StatusResponseBody } from '../../../contract/index.js';
import { PaylaterError } from '../../shared/client.js';
import { errorEvent, errorMessage, toPaylaterError } from '../../shared/errors.js';
import { PaylaterStatusChangeEvent } from '../../shared/events.js';
import { extensions, PaylaterElement } from '../../shared/element.js';
import { addMessages, type Params } from '../../shared/i18n.js';
import { STATUS_MESSAGES } from './status.messages.js';
import { statusStyles } from './status.styles.js';
import { billView, BILL_VIEW_EVENT, changeKey, chargeBox, fetchStatus, ICONS, isFinal, retryUrl, STATE, TRANSIENT, type StatusBillView, type StatusView, type Words } from './status.outcome.js';

export { BILL_VIEW_EVENT, isFinal } from './status.outcome.js';

export type { StatusBillView, StatusBox, StatusView } from './status.outcome.js';
import { base } from '../../shared/styles.js';

/**
 * The return page's answer to "did my payment go through?". Reads the status token from the URL
 * (or the `token` attribute), asks the companion (which asks Xendit or uses the webhook-confirmed
 * state; the redirect alone is never trusted), polls with back-off while the payment is pending,
 * and says what happened and what comes next: confirmed (the provider approved it, the schedule is
 * in the provider's app, the shop processes the order), cancelled or not approved (nothing was
 * charged; a link back to choose another PayLater provider, `retry-href`), or refunded (the
 * provider's credit limit restored, nothing owed). For a payment that pays a bill (Bill Payments),
 * and with `paylater-checkout/bills` loaded, it goes on to show the bill: the electricity token
 * (prepaid) or the receipt number (postpaid) once paid, "buying your token" while the biller works
 * (polling on), or why the token or bill could not be bought or paid, that the payment was (or is
 * being) refunded, and a link to try again (`retry-href`).
 *
 * @tagname paylater-status
 * @summary The confirmed status of a PayLater payment, kept up to date.
 *
 * @slot succeeded - Next step shown once the payment is confirmed (e.g. a link to the order).
 * @slot failed - Next step shown when the payment did not go through (e.g. a link back to the cart), after the `retry-href` link.
 * @slot pending - Extra content shown while waiting.
 *
 * @csspart base - The status box; also `pending`, `succeeded`, `failed`, `refunded` or `problem`.
 * @csspart icon - The status symbol.
 * @csspart title - The status in a few words.
 * @csspart message - What happened and what to do next.
 * @csspart retry - The "check again" button (after an error, or when waiting takes long).
 * @csspart retry-link - The way back when the payment was cancelled or not approved, or its bill could not be paid: a link to `retry-href` ("Choose another PayLater", "Buy the token again").
 * @csspart bill - The product and customer number of a bill (with `paylater-checkout/bills`, like the next five).
 * @csspart token - The prepaid electricity token, in groups of four.
 * @csspart kwh - The kWh the token buys.
 * @csspart receipt - The receipt number of a paid postpaid bill.
 * @csspart copy - The button that copies the token (shown where the Clipboard API is available).
 * @csspart copied - Says the token was copied.
 *
 * @cssprop --paylater-success - Colour of a confirmed payment.
 * @cssprop --paylater-error - Colour of a failed payment or an error.
 * @cssprop --paylater-accent - Colour of the pending state and the button.
 * @cssprop --paylater-on-accent - Text on the accent colour.
 * @cssprop --paylater-bg - Background.
 * @cssprop --paylater-text - Text colour.
 * @cssprop --paylater-muted - Secondary text.
 * @cssprop --paylater-border - Border colour.
 * @cssprop --paylater-radius - Corner radius.
 * @cssprop --paylater-font - Font family (default: inherited).
 *
 * @event {PaylaterStatusChangeEvent} paylater-status-change - The status (of the payment, or of the bill it pays) became known or changed.
 * @event {PaylaterErrorEvent} paylater-error - The status could not be read.
 */
export class PaylaterStatus extends PaylaterElement {
  // Reactive properties declared without decorators: the CDN bundle is smaller this way.
  // `endpoint` and `locale` come from `PaylaterElement`.
  static override properties = {
    token: {},
    tokenParam: { attribute: 'token-param' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    maxPollInterval: { type: Number, attribute: 'max-poll-interval' },
    pollTimeout: { type: Number, attribute: 'poll-timeout' },
    retryHref: { attribute: 'retry-href' },
    ...STATE,
  };
  static override styles = [
    base,
    statusStyles,
  ];

  /** The status token; default: the `token-param` query parameter of the page URL. */
  token: string | undefined;

  /** Query parameter that carries the token when `token` is not set. */
  tokenParam = 'paylater_token';

  /** First wait between two status checks while pending, in ms. */
  pollInterval = 2000;

  /** Longest wait between two checks, in ms (the wait grows by half each time, and starts again at a change). */
  maxPollInterval = 15000;

  /** Stop polling after this many ms without a change and offer "check again". */
  pollTimeout = 600_000;

  /**
   * Where the shopper goes to try again: the merchant's checkout page (or the bill's page), linked
   * as "Choose another PayLater" when the payment was cancelled or not approved, and as "Buy the
   * token again" / "Try paying again" when its bill could not be bought or paid. A relative URL is
   * resolved against the page; only http(s) URLs are linked. Unset: no link (the `failed` slot
   * still shows).
   */
  retryHref: string | undefined;

  /**
   * The bill view (Bill Payments): checks an answer's `bill` and shows it. `paylater-checkout/bills`
   * (or the bills CDN file) sets it when it loads; unset, the charge's status is shown without the bill.
   */
  static get bill(): StatusBillView | undefined {
    return billView();
  }
  static set bill(view: StatusBillView | undefined) {
    extensions.bill = view;
    // (On a server, which renders with the element, there is no window to tell.)
    globalThis.dispatchEvent?.(new Event(BILL_VIEW_EVENT));
  }

  static {
    addMessages(STATUS_MESSAGES);
  }

  private result: StatusResponseBody | undefined;
  private error: PaylaterError | undefined;
  private slow = false;

  // Non-reactive internals are ES private members (`#`): really private, and the minifier shortens them.
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wait = 0;
  #startedAt = 0;
  /** The answer the server rendered, shown until the first check (which reports it as news). */
  #seeded = false;

  /** The charge status as the companion last reported it (`PENDING`, `SUCCEEDED`, ...), if known. */
  get status(): string | undefined {
    return this.result?.status;
  }

  /** Checks the status now (and resumes polling while pending). */
  refresh(): void {
    this.#stop();
    this.error = undefined;
    this.slow = false;
    this.#wait = this.pollInterval;
    this.#startedAt = Date.now();
    void this.#check();
  }

  /**
   * The render root; when the companion rendered the status into the page
   * (`companion.renderStatus`), the answer it showed is in a `<script type="application/json">`
   * inside the element: it is shown at once, drawn over the server's drawing in this task, and
   * checked again as usual.
   */
  protected override createRenderRoot() {
    const drawn = this.shadowRoot;
    try {
      const { token, status } = JSON.parse(this.querySelector('script[type="application/json"]')?.textContent ?? 'null') ?? {};
      if (token && token === this.#currentToken()) {
        this.result = parseStatusResponse(status, (bill, path) => billView()?.parse(bill, path));
        this.#seeded = true;
      }
    } catch {
      // None, or not for this token: the element asks.
    }
    drawn?.replaceChildren();
    return super.createRenderRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('endpoint') || changed.has('token') || changed.has('tokenParam')) {
      if (this.hasUpdated) this.result = undefined;
      this.refresh();
    }
  }

  #stop() {
    this.#abort?.abort();
    clearTimeout(this.#timer);
  }

  #currentToken(): string {
    return this.token || new URLSearchParams(location.search).get(this.tokenParam) || '';
  }

  async #check(): Promise<void> {
    const token = this.#currentToken();
    if (!token) {
      this.#fail(new PaylaterError('NO_TOKEN', 0, 'No status token'));
      return;
    }
    const abort = (this.#abort = new AbortController());
    let next: StatusResponseBody;
    let unviewed = false;
    try {
      // The bill view is looked up when the answer comes, so a bills bundle loaded meanwhile counts.
      next = await fetchStatus(this.endpoint, token, abort.signal, (bill, path) => {
        // A bill whose view is not loaded (the bills bundle still on its way, or none on this page):
        // asked again when one is installed.
        unviewed ||= bill != null && !billView();
        return billView()?.parse(bill, path);
      });
    } catch (caught) {
      if (abort.signal.aborted) return;
      const error = toPaylaterError(caught);
      // Having a status already, a passing failure only delays the next check.
      if (this.result && TRANSIENT.has(error.code)) this.#schedule();
      else this.#fail(error);
      return;
    }
    if (abort.signal.aborted) return;
    const before = this.#seeded ? undefined : this.result;
    this.#seeded = false;
    this.result = next;
    this.error = undefined;
    const final = isFinal(next);
    if (!before || changeKey(before) !== changeKey(next)) {
      const event = new PaylaterStatusChangeEvent({
        chargeId: next.charge_id,
        status: next.status,
        amount: next.amount,
        currency: next.currency,
        channelCode: next.channel_code,
        referenceId: next.reference_id,
        final,
        ...(next.bill ? { bill: next.bill } : {}),
      });
      this.dispatchEvent(event);
      // Something moved (e.g. paid, now the bill is being paid): check soon again, with a fresh timeout.
      this.#wait = this.pollInterval;
      this.#startedAt = Date.now();
    }
    if (!final) this.#schedule();
    else if (unviewed) addEventListener(BILL_VIEW_EVENT, () => this.isConnected && this.refresh(), { once: true });
  }

  #schedule() {
    if (Date.now() - this.#startedAt >= this.pollTimeout) {
      this.slow = true;
      return;
    }
    const wait = this.#wait;
    this.#wait = Math.min(Math.round(this.#wait * 1.5), this.maxPollInterval);
    this.#timer = setTimeout(() => void this.#check(), wait);
  }

  #fail(error: PaylaterError) {
    this.error = error;
    this.dispatchEvent(errorEvent(error, 'status', this.language()));
  }

  override render() {
    const result = this.result;
    const error = this.error;
    if (error && (!result || !TRANSIENT.has(error.code))) {
      return this.#renderBox('problem', '!', '', this.t(errorMessage(error)), 'alert', TRANSIENT.has(error.code));
    }
    if (!result) return this.#renderBox('pending', '', this.t('checking'));
    const slow = this.slow && !isFinal(result);
    const params = {
      provider: PROVIDER_NAMES[result.channel_code] ?? result.channel_code,
      amount: this.money(result.currency, result.amount),
    };
    const charge = chargeBox(this as unknown as Words, result, slow, params);
    const box = billView()?.render(this, result, charge, slow, params) ?? charge;
    return this.#renderBox(box.view, ICONS[box.view], box.title, box.text, 'status', slow, box.extra, box.again);
  }

  #renderBox(view: StatusView | 'problem', icon: string, title: string, text = '', role: 'status' | 'alert' = 'status', retry = false, extra: unknown = nothing, again?: string) {
    const href = again && retryUrl(this.retryHref);
    return html`<div part="base ${view}" class="box card ${view}" role=${role}>
      <span part="icon" class="icon" aria-hidden="true">${icon}</span>
      ${title ? html`<p part="title" class="title">${title}</p>` : nothing}
      ${text ? html`<p part="message" class="message">${text}</p>` : nothing}
      <div class="more">
        ${extra}
        ${href ? html`<a part="retry-link" class="again" href=${href}>${again}</a>` : nothing}
        ${view === 'problem' ? nothing : html`<slot name=${view === 'refunded' ? 'succeeded' : view}></slot>`}
        ${retry ? html`<button part="retry" class="secondary" @click=${() => this.refresh()}>${this.t('checkAgain')}</button>` : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-status': PaylaterStatus;
  }
}
