/**
 * What `<paylater-status>` shows for a payment that pays a bill: the electricity token (prepaid) or
 * the receipt number (postpaid) once paid, "buying your token" while the biller works (polling on),
 * or, when the token could not be bought or the bill paid, why (in words, from the failure code),
 * that the payment was (or is being) refunded, and the way to try again (`retry-href`). It lives in the
 * bills bundle, so that shops without bills do not carry it: `./define.ts` installs it as
 * `PaylaterStatus.bill` (the element's extension point) when `paylater-checkout/bills` loads.
 */
import { css, html, nothing } from 'lit';
import type { BillStatus, StatusResponseBody } from '../../../contract/index.js';
import { message, resolveLocale, type Params } from '../../shared/i18n.js';
import type { PaylaterStatus, StatusBillView } from './status.js';
import { parseBillStatus } from '../../shared/bills-client.js';
import { BILL_FAILURES, billMessage, type BillMessageKey } from '../bill-inquiry/bill.messages.js';

/** The bill a payment pays, once the payment went through (until then the charge's status speaks). */
const billOf = (result: StatusResponseBody): BillStatus | undefined =>
  result.status === 'SUCCEEDED' || result.status === 'REFUNDED' ? result.bill : undefined;

/**
 * The token, large and monospace. Added to the element's adopted stylesheets when a token is first
 * shown (the element's own styles were fixed when its tag was registered, perhaps before this loaded).
 */
export const tokenStyles = css`
  /*
   * Large, but on a narrow phone small enough for the 20 digits to take two lines at most (groups of
   * four never break), then balanced: three groups and two, never four and one left alone.
   */
  .token {
    font: 700 min(1.5em, 5vw)/1.3 ui-monospace, Menlo, Consolas, monospace;
    word-spacing: 0.2em;
    text-wrap: balance;
    margin: 8px 0 2px;
  }
`;

/** The elements whose token the shopper copied (the "Copied" note stays). */
const copied = new WeakSet<PaylaterStatus>();

/** The token in groups of four, its kWh, and a Copy button where the Clipboard API is there. */
function renderToken(host: PaylaterStatus, locale: string, t: (key: BillMessageKey) => string, token: string, kwh: string | undefined) {
  const root = host.renderRoot as ShadowRoot;
  const sheet = tokenStyles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  // The docs write the token with dashes ("1234-5678-9012-3456-7890"); the shopper types digits.
  const digits = token.replace(/[\s-]/g, '');
  // (None on a server, which draws the status with this view: the Copy button comes with the script.)
  const clipboard = globalThis.navigator?.clipboard;
  const kwhNumber = Number(kwh);
  const copy = () =>
    clipboard.writeText(digits).then(
      () => {
        copied.add(host);
        host.requestUpdate();
      },
      () => undefined,
    );
  return html`<p part="token" class="token">${digits.replace(/(.{4})(?=.)/g, '$1 ')}</p>
    ${kwh ? html`<p part="kwh">${Number.isNaN(kwhNumber) ? kwh : kwhNumber.toLocaleString(locale)} kWh</p>` : nothing}
    ${clipboard
      ? html`<button part="copy" class="secondary" @click=${copy}>${t('copy')}</button>
          <span part="copied">${copied.has(host) ? t('copied') : ''}</span>`
      : nothing}`;
}

/** The bill view of `<paylater-status>`: `PaylaterStatus.bill = statusBill` (what `paylater-checkout/bills` does). */
export const statusBill: StatusBillView = {
  parse: parseBillStatus,

  // Final once the bill is paid, or failed with its refund settled.
  final(result) {
    const bill = billOf(result);
    const refund = bill?.refund?.status;
    return bill && (bill.status === 'SUCCEEDED' || (bill.status === 'FAILED' && (refund === 'SUCCEEDED' || refund === 'FAILED')));
  },

  // The payment went through; now the bill it pays: paid (token or receipt), the biller at work, or failed.
  render(host, result, box, slow, params: Params) {
    const bill = billOf(result);
    if (!bill) return undefined;
    const locale = resolveLocale(host.locale, host);
    const t = (key: BillMessageKey, values?: Params) => billMessage(locale, key, values);
    const { status, token, receipt } = bill;
    const refund = bill.refund?.status;
    const postpaid = bill.kind ? bill.kind === 'postpaid' : /POSTPAID/i.test(bill.product_id);
    if (status === 'FAILED') {
      // Why (never the code itself), then the money: refunded, being refunded, or the shop will call.
      const why = t(BILL_FAILURES[bill.failure_code ?? ''] ?? 'failOther', { biller: 'PLN' });
      box = {
        view: 'failed',
        title: t(postpaid ? 'billFailedTitle' : 'tokenFailedTitle'),
        text: `${why} ${t(refund === 'SUCCEEDED' ? 'billRefunded' : refund === 'FAILED' ? 'billRefundFailed' : 'billRefunding', params)}`,
        again: t(postpaid ? 'payAgain' : 'buyAgain'),
      };
    } else if (status !== 'SUCCEEDED') {
      box = { ...box, view: 'pending', text: slow ? message(locale, 'slow') : t(postpaid ? 'billPaying' : 'billBuying') };
    } else if (box.view === 'succeeded' && (token || postpaid)) {
      // Paid: what the shopper has now (the token to enter, or a paid bill), and where the schedule is.
      box = { ...box, text: t(token ? 'tokenReady' : 'billPaid', params) };
    }
    return {
      ...box,
      extra: html`<p part="bill" class="ref">${bill.product_name} · ${bill.customer_number}</p>
        ${status !== 'SUCCEEDED'
          ? nothing
          : token
            ? renderToken(host, locale, t, token, bill.kwh)
            : receipt
              ? html`<p part="receipt">${t('receipt', { receipt })}</p>`
              : nothing}`,
    };
  },
};
