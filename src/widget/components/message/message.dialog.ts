/**
 * The "See plans" dialog of `<paylater-message>`: every provider that takes the amount, each with
 * its options in the checkout's own table (`renderTable`, `renderOption`), drawn with lit-html, with
 * its texts and styles. A module of its own, so that the line needs no template library: the CDN
 * files load it on the first "See plans" (`paylater-message-dialog.js`, see `PaylaterMessage.dialog`),
 * the npm entry has it at once.
 */
import { html, render } from 'lit/html.js';
import type { ProviderTerms, TermsOption } from '../../../contract/terms.js';
import { formatMoney } from '../../shared/format.js';
import { addMessages, message } from '../../shared/i18n.js';
import { sheet } from '../../shared/sheet.js';
import { renderOption, renderTable, type Words } from '../checkout/checkout.view.js';
import { OPTIONS_MESSAGES } from '../checkout/options.messages.js';
import { OPTIONS_CSS } from '../checkout/options.styles.js';
import { MESSAGE_DIALOG_MESSAGES } from './message.messages.js';
import { DIALOG_CSS } from './message.styles.js';

/** A provider that takes the amount, with its options for it. */
export interface Offer {
  provider: ProviderTerms;
  options: TermsOption[];
  /** Its lowest payment. */
  low: TermsOption;
}

/** What the dialog shows: the offers for `amount`, in `lang` (a language `resolveLocale` chose). */
export interface DialogView {
  lang: string;
  offers: Offer[];
  currency: string;
  amount: number;
}

addMessages(OPTIONS_MESSAGES);
addMessages(MESSAGE_DIALOG_MESSAGES);

/** Closes the dialog when a click lands outside its box (on the backdrop, whose clicks go to the dialog). */
function closeOutside(event: MouseEvent): void {
  const dialog = event.currentTarget as HTMLDialogElement;
  const box = dialog.getBoundingClientRect();
  const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
  if (event.target === dialog && !inside) dialog.close();
}

/**
 * Draws the dialog (closed) into the message's shadow root, or brings it up to date, with its
 * styles adopted there; returns it. Only its own nodes change: the line beside it is the element's.
 */
export function renderDialog(root: ShadowRoot, { lang, offers, currency, amount }: DialogView): HTMLDialogElement {
  const styles = [OPTIONS_CSS, DIALOG_CSS].map(sheet);
  if (!root.adoptedStyleSheets.includes(styles[0]!)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...styles];
  const w: Words = { lang, t: (key, params) => message(lang, key, params), money: (currency, amount) => formatMoney(lang, currency, amount) };
  render(
    // The focus goes to the title when it opens (autofocus): the dialog opens at its top, its title
    // is read, and Tab goes on to Close (the close button first would open it scrolled to the bottom).
    // A tap on the backdrop (outside the dialog's box) closes it too, as on other phone sheets.
    html`<dialog part="dialog" aria-labelledby="title" @click=${closeOutside}>
      <h2 id="title" tabindex="-1" autofocus>${w.t('msgTitle', { amount: w.money(currency, amount) })}</h2>
      ${offers.map(
        ({ provider, options }) => html`<h3>${provider.name}</h3>
          ${renderTable(
            w,
            '',
            options.map((option) => renderOption(w, option, currency, amount, false)),
          )}`,
      )}
      <p class="estimate">${w.t('msgEstimate')}</p>
      <button part="close" class="close secondary" @click=${() => root.querySelector('dialog')!.close()}>${w.t('msgClose')}</button>
    </dialog>`,
    root,
  );
  return root.querySelector('dialog')!;
}
