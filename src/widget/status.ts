import { LitElement, html, nothing, css, type PropertyValues } from 'lit';
import { PROVIDER_NAMES, type StatusResponseBody } from '../contract/index.js';
import { fetchStatus, PaylaterError } from './client.js';
import { errorEvent, errorMessage, toPaylaterError } from './errors.js';
import { PaylaterStatusChangeEvent } from './events.js';
import { formatMoney } from './format.js';
import { message, resolveLocale, type MessageKey, type Params } from './i18n.js';
import { base } from './styles.js';

/** How a charge status reads to the shopper. */
export type StatusView = 'pending' | 'succeeded' | 'failed' | 'refunded';

const VIEWS: Record<string, StatusView> = {
  SUCCEEDED: 'succeeded',
  REFUNDED: 'refunded',
  FAILED: 'failed',
  CANCELLED: 'failed',
  EXPIRED: 'failed',
  VOIDED: 'failed',
};
/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
const STATE = { result: { state: true }, error: { state: true }, slow: { state: true } };

const viewOf = (status: string): StatusView => VIEWS[status] ?? 'pending';
const ICONS: Record<StatusView, string> = { pending: '', succeeded: '✓', failed: '✕', refunded: '↺' };

/** Errors worth polling through: the answer may come next time. */
const TRANSIENT = new Set(['NETWORK_ERROR', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT', 'INTERNAL', 'CONFLICT', 'INVALID_RESPONSE']);

/**
 * The return page's answer to "did my payment go through?". Reads the status token from the URL
 * (or the `token` attribute), asks the companion (which asks Xendit or uses the webhook-confirmed
 * state; the redirect alone is never trusted), polls with back-off while the payment is pending,
 * and says what happened and what to do next.
 *
 * @tagname paylater-status
 * @summary The confirmed status of a PayLater payment, kept up to date.
 *
 * @slot succeeded - Next step shown once the payment is confirmed (e.g. a link to the order).
 * @slot failed - Next step shown when the payment did not go through (e.g. a link back to the cart).
 * @slot pending - Extra content shown while waiting.
 *
 * @csspart base - The status box; also `pending`, `succeeded`, `failed`, `refunded` or `problem`.
 * @csspart icon - The status symbol.
 * @csspart title - The status in a few words.
 * @csspart message - What happened and what to do next.
 * @csspart retry - The "check again" button (after an error, or when waiting takes long).
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
 * @event {PaylaterStatusChangeEvent} paylater-status-change - The status became known or changed.
 * @event {PaylaterErrorEvent} paylater-error - The status could not be read.
 */
export class PaylaterStatus extends LitElement {
  // Reactive properties declared without decorators: the CDN bundle is smaller this way.
  static override properties = {
    endpoint: {},
    token: {},
    tokenParam: { attribute: 'token-param' },
    locale: {},
    pollInterval: { type: Number, attribute: 'poll-interval' },
    maxPollInterval: { type: Number, attribute: 'max-poll-interval' },
    pollTimeout: { type: Number, attribute: 'poll-timeout' },
    theme: { reflect: true },
    ...STATE,
  };
  static override styles = [
    base,
    css`
      .box {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 4px 14px;
        align-items: start;
        padding: 18px 20px;
        --_tone: var(--_accent);
      }
      .succeeded {
        --_tone: var(--_success);
      }
      .failed,
      .problem {
        --_tone: var(--_error);
      }
      .refunded {
        --_tone: var(--_muted);
      }
      .icon {
        grid-row: span 2;
        width: 32px;
        height: 32px;
        border-radius: 50%;
        border: 3px solid var(--_tone);
        display: grid;
        place-items: center;
        color: var(--_tone);
        font-weight: 800;
        line-height: 1;
      }
      .pending .icon {
        border-right-color: transparent;
        animation: spin 1s linear infinite;
      }
      .title {
        font-weight: 700;
        font-size: 1.125em;
        color: var(--_tone);
      }
      .more {
        grid-column: 2;
      }
      button,
      ::slotted(*) {
        margin-top: 8px;
      }
    `,
  ];

  /** Base URL where the merchant mounted the companion. */
  endpoint = '/paylater';

  /** The status token; default: the `token-param` query parameter of the page URL. */
  token: string | undefined;

  /** Query parameter that carries the token when `token` is not set. */
  tokenParam = 'paylater_token';

  /** Language of the texts; default: the page's `lang`, then the browser's. */
  locale: string | undefined;

  /** First wait between two status checks while pending, in ms. */
  pollInterval = 2000;

  /** Longest wait between two checks, in ms (the wait grows by half each time). */
  maxPollInterval = 15000;

  /** Stop polling after this many ms of pending and offer "check again". */
  pollTimeout = 600_000;

  /** Colour scheme: follows the shopper's system (`auto`), or forced. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  private result: StatusResponseBody | undefined;
  private error: PaylaterError | undefined;
  private slow = false;

  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wait = 0;
  private startedAt = 0;

  /** The charge status as the companion last reported it (`PENDING`, `SUCCEEDED`, ...), if known. */
  get status(): string | undefined {
    return this.result?.status;
  }

  /** Checks the status now (and resumes polling while pending). */
  refresh(): void {
    this.stop();
    this.error = undefined;
    this.slow = false;
    this.wait = this.pollInterval;
    this.startedAt = Date.now();
    void this.check();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('endpoint') || changed.has('token') || changed.has('tokenParam')) {
      if (this.hasUpdated) this.result = undefined;
      this.refresh();
    }
  }

  private stop() {
    this.abort?.abort();
    clearTimeout(this.timer);
  }

  private currentToken(): string {
    return this.token || new URLSearchParams(location.search).get(this.tokenParam) || '';
  }

  private async check(): Promise<void> {
    const token = this.currentToken();
    if (!token) {
      this.fail(new PaylaterError('NO_TOKEN', 0, 'No status token'));
      return;
    }
    const abort = (this.abort = new AbortController());
    let next: StatusResponseBody;
    try {
      next = await fetchStatus(this.endpoint, token, abort.signal);
    } catch (caught) {
      if (abort.signal.aborted) return;
      const error = toPaylaterError(caught);
      // Having a status already, a passing failure only delays the next check.
      if (this.result && TRANSIENT.has(error.code)) this.schedule();
      else this.fail(error);
      return;
    }
    if (abort.signal.aborted) return;
    const before = this.result;
    this.result = next;
    this.error = undefined;
    const final = viewOf(next.status) !== 'pending';
    if (!before || before.status !== next.status) {
      const event = new PaylaterStatusChangeEvent({
        chargeId: next.charge_id,
        status: next.status,
        amount: next.amount,
        currency: next.currency,
        channelCode: next.channel_code,
        final,
      });
      this.dispatchEvent(event);
    }
    if (!final) this.schedule();
  }

  private schedule() {
    if (Date.now() - this.startedAt >= this.pollTimeout) {
      this.slow = true;
      return;
    }
    const wait = this.wait;
    this.wait = Math.min(Math.round(this.wait * 1.5), this.maxPollInterval);
    this.timer = setTimeout(() => void this.check(), wait);
  }

  private fail(error: PaylaterError) {
    this.error = error;
    this.dispatchEvent(errorEvent(error, 'status', resolveLocale(this.locale, this)));
  }

  private t(key: MessageKey, params?: Params): string {
    return message(resolveLocale(this.locale, this), key, params);
  }

  override render() {
    const result = this.result;
    const error = this.error;
    if (error && (!result || !TRANSIENT.has(error.code))) {
      return this.renderBox('problem', '!', '', this.t(errorMessage(error)), 'alert', TRANSIENT.has(error.code));
    }
    if (!result) return this.renderBox('pending', '', this.t('checking'));
    const view = viewOf(result.status);
    const slow = view === 'pending' && this.slow;
    const text = this.t(slow ? 'slow' : view, {
      provider: PROVIDER_NAMES[result.channel_code] ?? result.channel_code,
      amount: formatMoney(resolveLocale(this.locale, this), result.currency, result.amount),
    });
    return this.renderBox(view, ICONS[view], this.t(`${view}Title`), text, 'status', slow);
  }

  private renderBox(view: StatusView | 'problem', icon: string, title: string, text = '', role: 'status' | 'alert' = 'status', retry = false) {
    return html`<div part="base ${view}" class="box card ${view}" role=${role}>
      <span part="icon" class="icon" aria-hidden="true">${icon}</span>
      ${title ? html`<p part="title" class="title">${title}</p>` : nothing}
      ${text ? html`<p part="message" class="message">${text}</p>` : nothing}
      <div class="more">
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
