import { css, html, nothing, type PropertyValues } from 'lit';
import { optionsFor, type ProviderTerms, type TermsOption, type TermsResponseBody } from '../../../contract/terms.js';
import { toPaylaterError, errorEvent } from '../../shared/errors.js';
import { PaylaterElement } from '../../shared/element.js';
import { addMessages, type MessageKey } from '../../shared/i18n.js';
import { base } from '../../shared/styles.js';
import { fetchTerms } from '../../shared/terms-client.js';
import { checkoutStyles } from '../checkout/checkout.styles.js';
import { renderOption, renderTable, type Words } from '../checkout/checkout.view.js';
import { interestFree } from '../checkout/compare.js';
import { MESSAGE_MESSAGES } from './message.messages.js';

/** A provider that takes the amount, with its options for it. */
interface Offer {
  provider: ProviderTerms;
  options: TermsOption[];
  /** Its lowest payment. */
  low: TermsOption;
}

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
const STATE = { terms: { state: true } };

const listConverter = (value: string | null) => (value ? value.split(/[\s,]+/).filter(Boolean) : undefined);

/**
 * "or from Rp 58,167/month with Kredivo, Akulaku…" on a product or cart page, before any customer
 * exists: the lowest payment any provider offers for `amount`, and who offers it. The figures are
 * computed in the browser from the providers' terms (`GET {endpoint}/terms`, one request per page
 * for any number of messages) with the providers' own rounding, so a price change (variant,
 * quantity) re-renders at once with no request. The same engine decides what the checkout offers,
 * so a message never promises what the checkout then refuses. "See plans" opens a dialog that
 * compares every provider's options for the amount, as the checkout does.
 *
 * @tagname paylater-message
 * @summary "From Rp 58,167 a month with Kredivo": PayLater on product pages.
 *
 * @csspart base - The message line (or card).
 * @csspart amount - The lowest payment.
 * @csspart see - The "See plans" button.
 * @csspart dialog - The `<dialog>` comparing the providers' options.
 * @csspart close - The dialog's close button.
 *
 * @cssprop --paylater-accent - The "See plans" button and focus ring.
 * @cssprop --paylater-text - Text colour.
 * @cssprop --paylater-muted - Secondary text.
 * @cssprop --paylater-bg - The dialog's background.
 * @cssprop --paylater-font - Font family (default: inherited).
 *
 * @event {PaylaterErrorEvent} paylater-error - The terms could not be read (the message then shows nothing).
 */
export class PaylaterMessage extends PaylaterElement {
  // Reactive properties declared without decorators: the CDN file is smaller this way.
  static override properties = {
    amount: { type: Number },
    currency: {},
    channels: { converter: listConverter },
    layout: { reflect: true },
    ineligible: {},
    ...STATE,
  };
  static override styles = [
    base,
    checkoutStyles,
    css`
      /* One line's height is kept from the start, so nothing moves when the terms arrive. */
      .line {
        min-height: 1.45em;
        margin: 0;
      }
      :host([layout='card']) .line {
        padding: 10px 14px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      /* A 44 px tap target that does not make the line taller: the padding reaches over the line's edges. */
      .see {
        min-height: 0;
        padding: 12px 4px;
        margin: -12px 0;
        font: inherit;
        border: 0;
        background: none;
        color: var(--_accent);
        text-decoration: underline;
        font-weight: 600;
      }
      dialog {
        width: min(36rem, 100vw - 16px);
        max-height: calc(100dvh - 16px);
        padding: 16px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_text);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
      h2 {
        font-size: 1.125em;
        margin: 0 0 8px;
      }
      h3 {
        font-size: 1em;
        margin: 16px 0 0;
      }
      .close {
        margin-top: 16px;
        width: 100%;
      }
    `,
  ];

  static {
    addMessages(MESSAGE_MESSAGES);
  }

  /** The price the message is about (a product's, a cart's), in `currency`'s units. */
  amount = 0;

  /** The currency of `amount` (the terms are asked for in it). */
  currency = 'IDR';

  /** Only these channel codes (space or comma separated), as on `<paylater-checkout>`. */
  channels: string[] | undefined;

  /** `line` (a sentence under a price) or `card` (the same in a box). */
  layout: 'line' | 'card' = 'line';

  /** For an amount no provider takes: `hide` (nothing, no empty box) or `explain` ("PayLater from Rp 50,000"). */
  ineligible: 'hide' | 'explain' = 'hide';

  private terms: TermsResponseBody | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('currency')) {
      const [endpoint, currency] = [this.endpoint, this.currency];
      fetchTerms(endpoint, currency).then(
        (terms) => {
          if (endpoint === this.endpoint && currency === this.currency) this.terms = terms;
        },
        (error: unknown) => this.dispatchEvent(errorEvent(toPaylaterError(error), 'terms', this.language())),
      );
    }
  }

  /** Who takes `amount`, each with its options, lowest payment first. */
  #offers(terms: TermsResponseBody): Offer[] {
    const offers: Offer[] = [];
    for (const provider of terms.providers) {
      if (this.channels && !this.channels.includes(provider.channel_code)) continue;
      const options = optionsFor(provider, this.amount, terms.currency);
      if (options.length) offers.push({ provider, options, low: options.reduce((a, b) => (b.installment_amount < a.installment_amount ? b : a)) });
    }
    return offers.sort((a, b) => a.low.installment_amount - b.low.installment_amount);
  }

  #words(): Words {
    return { t: (key, params) => this.t(key, params), money: (currency, amount) => this.money(currency, amount), lang: this.language() };
  }

  override render() {
    const terms = this.terms;
    if (!terms) return html`<p part="base" class="line"></p>`;
    const currency = terms.currency;
    const offers = this.#offers(terms);
    if (!offers.length) return this.#renderIneligible(terms);
    const low = offers[0]!.low;
    const key: MessageKey = low.total_recurrence === 1 ? 'msgOnce' : interestFree(low, this.amount) ? 'msgFromFree' : 'msgFrom';
    const names = offers.map((o) => o.provider.name);
    const providers = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
    const [before, after] = this.t(key, { amount: '\u0000', providers }).split('\u0000');
    return html`<p part="base" class="line">
        ${before}<strong part="amount">${low.estimate ? '≈ ' : ''}${this.money(currency, low.installment_amount)}</strong>${after}
        <button part="see" class="see" aria-haspopup="dialog" @click=${() => this.renderRoot.querySelector('dialog')!.showModal()}>${this.t('msgSee')}</button>
      </p>
      ${this.#renderDialog(offers, currency)}`;
  }

  /** No provider takes the amount: nothing, or (`ineligible="explain"`) the range PayLater has. */
  #renderIneligible(terms: TermsResponseBody) {
    const providers = terms.providers.filter((p) => !this.channels || this.channels.includes(p.channel_code));
    if (this.ineligible !== 'explain' || !providers.length) return nothing;
    const min = Math.min(...providers.map((p) => p.min_amount));
    const low = this.amount < min;
    const limit = low ? min : Math.max(...providers.map((p) => p.max_amount));
    return html`<p part="base" class="line">${this.t(low ? 'msgTooLow' : 'msgTooHigh', { amount: this.money(terms.currency, limit) })}</p>`;
  }

  /** Every provider's options for the amount, in the checkout's table. */
  #renderDialog(offers: Offer[], currency: string) {
    const w = this.#words();
    return html`<dialog part="dialog" aria-labelledby="title">
      <h2 id="title">${this.t('msgTitle', { amount: this.money(currency, this.amount) })}</h2>
      ${offers.map(
        ({ provider, options }, i) => html`<h3 id=${`p${i}`}>${provider.name}</h3>
          ${renderTable(
            w,
            '',
            options.map((option) => renderOption(w, option, currency, this.amount, false)),
          )}`,
      )}
      <p class="estimate">${this.t('msgEstimate')}</p>
      <button part="close" class="close secondary" @click=${() => this.renderRoot.querySelector('dialog')!.close()}>${this.t('msgClose')}</button>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-message': PaylaterMessage;
  }
}
