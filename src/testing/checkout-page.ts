/**
 * The provider's checkout page, as the simulator serves it at `{checkoutBaseUrl}/checkout/{charge_id}`.
 * Plain HTML that works without JavaScript: two `<form method="post">`s whose buttons are named
 * exactly "Pay" and "Cancel". Everything put into the page is escaped; no external resources.
 *
 * A shopper sees it on a phone as narrow as 320 px: nothing scrolls sideways, amounts never break
 * inside a number, every control is at least 44 px tall and wide, and the page speaks one language
 * (English) in words only: statuses as words, no codes.
 */
import type { PlanOption } from '../xendit/schemas.js';
import { escapeHtml, formatMoney } from './responses.js';

export interface CheckoutPageCharge {
  id: string;
  reference_id: string;
  currency: string;
  amount: number;
  channel_code: string;
  status: string;
  order_items?: Array<Record<string, unknown>> | null;
  refunded_amount?: number | null;
}

export interface CheckoutPageInput {
  charge: CheckoutPageCharge;
  providerName: string;
  accent: string;
  options: PlanOption[];
  /** The page's own path (no query), the forms post to `{path}/pay` and `{path}/cancel`. */
  path: string;
  viaApp: boolean;
  /** A short note shown above the summary (e.g. after a POST on a charge that is no longer pending). */
  notice?: string;
  /** The Pay button stays although the charge is not PENDING (Kredivo after a cancel by the API). */
  payableAfterCancel?: boolean;
}

const STATUS_TEXT: Record<string, string> = {
  PENDING: 'Waiting for your confirmation',
  SUCCEEDED: 'Paid',
  FAILED: 'Payment failed or was cancelled on this page',
  CANCELLED: 'Cancelled by the merchant',
  REFUNDED: 'Refunded',
  EXPIRED: 'Expired',
  VOIDED: 'Voided',
};

/** The same, to end "This payment is already …". */
const ALREADY_TEXT: Record<string, string> = {
  SUCCEEDED: 'paid',
  FAILED: 'failed or cancelled',
  CANCELLED: 'cancelled by the merchant',
  REFUNDED: 'refunded',
  EXPIRED: 'expired',
  VOIDED: 'voided',
};

/** A status in words for the shopper; a status this page does not know stays general, never a code. */
function statusWords(status: string): string {
  return STATUS_TEXT[status] ?? 'No longer waiting for your confirmation';
}

/** The notice after a Pay or Cancel on a charge that is no longer pending. */
export function alreadyNotice(status: string): string {
  const words = ALREADY_TEXT[status];
  return words ? `This payment is already ${words}; nothing was changed.` : 'This payment is no longer waiting for you; nothing was changed.';
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f4f5}
main{max-width:32rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh;border-top:.5rem solid var(--accent);overflow-wrap:break-word}
h1{font-size:1.5rem;margin:.5rem 0 1rem;color:var(--accent)}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
.sandbox{margin:0;padding:.5rem .75rem;background:#fff7d6;border:1px solid #8a6d00;border-radius:.375rem;font-size:.9375rem}
.notice{padding:.5rem .75rem;background:#eef2ff;border-left:.25rem solid #1d4ed8}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem;margin:0}
dt{font-weight:600}
dd{margin:0;min-width:0}
@media (max-width:26rem){dl{grid-template-columns:minmax(0,1fr);gap:0}dd+dt{margin-top:.5rem}}
.id{overflow-wrap:anywhere}
.money{white-space:nowrap;font-variant-numeric:tabular-nums}
table{width:100%;border-collapse:collapse;font-size:.9375rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;padding:.375rem .25rem;border-bottom:1px solid #d4d4d8;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
.total{font-size:1.25rem;font-weight:700}
fieldset{border:1px solid #a1a1aa;border-radius:.375rem;margin:0 0 1rem;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
label{display:flex;gap:.75rem;align-items:flex-start;min-height:2.75rem;padding:.625rem 0;cursor:pointer}
label+label{border-top:1px solid #e4e4e7}
input[type=radio]{width:1.25rem;height:1.25rem;margin:.125rem 0 0;flex:none}
.plan{display:block;font-weight:600}
.actions{display:grid;gap:.75rem;margin-top:1rem}
button{width:100%;min-height:3rem;min-width:2.75rem;font:inherit;font-weight:700;border-radius:.375rem;cursor:pointer;padding:.5rem 1rem}
button.pay{background:#1d4ed8;color:#fff;border:2px solid #1d4ed8}
button.cancel{background:#fff;color:#1a1a1a;border:2px solid #52525b}
:focus-visible{outline:3px solid #b45309;outline-offset:3px}
.status{font-size:1.125rem;font-weight:700}
`;

function itemsTable(charge: CheckoutPageCharge): string {
  const items = charge.order_items ?? [];
  if (items.length === 0) return '';
  const rows = items
    .map((item) => {
      const qty = Number(item.quantity ?? 1);
      const unit = Number(item.net_unit_amount ?? 0);
      return `<tr><td>${escapeHtml(item.name)}</td><td class="num">${escapeHtml(qty)}</td><td class="num">${money(unit * qty, charge.currency)}</td></tr>`;
    })
    .join('');
  return `<table><caption>Items</caption><thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Price</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** An amount that never breaks inside the number, escaped. */
function money(amount: number, currency: string): string {
  return `<span class="money">${escapeHtml(formatMoney(amount, currency))}</span>`;
}

/**
 * A plan in the page's own words: its name from its length (the provider's `description` is in
 * the provider's language, Indonesian for IDR, and would mix two languages on this English page),
 * then the amounts.
 */
function optionLabel(option: PlanOption, currency: string): string {
  const months = option.total_recurrence;
  const name = months === 1 ? 'Pay in 30 days' : `${months} monthly instalments`;
  const instalments = months === 1 ? `${money(option.installment_amount, currency)} in one payment` : `${money(option.installment_amount, currency)}&nbsp;×&nbsp;${escapeHtml(months)}`;
  const parts = [option.downpayment_amount ? `${money(option.downpayment_amount, currency)} now, then ${instalments}` : instalments];
  parts.push(`total ${money(option.total_amount, currency)}`);
  parts.push(option.interest_rate ? `${escapeHtml(option.interest_rate)}% interest per month` : '0% interest');
  return `<span class="plan">${escapeHtml(name)}</span> ${parts.join(', ')}`;
}

export function renderCheckoutPage(input: CheckoutPageInput): string {
  const { charge, providerName, options } = input;
  const pending = charge.status === 'PENDING' || input.payableAfterCancel === true;
  const amount = formatMoney(charge.amount, charge.currency);
  const statusText = statusWords(charge.status);
  const base = input.path.replace(/\/+$/, '');

  let body: string;
  if (pending) {
    const radios = options
      .map(
        (option, i) =>
          `<label><input type="radio" name="option" value="${i}"${i === 0 ? ' checked' : ''}><span>${optionLabel(option, charge.currency)}</span></label>`,
      )
      .join('');
    body = `<h2>Your plan</h2>
<form method="post" action="${escapeHtml(`${base}/pay`)}">
${options.length ? `<fieldset><legend>Choose how to pay ${money(charge.amount, charge.currency)}</legend>${radios}</fieldset>` : ''}
<div class="actions"><button type="submit" class="pay">Pay</button></div>
</form>
${
      charge.status === 'PENDING'
        ? `<form method="post" action="${escapeHtml(`${base}/cancel`)}">
<div class="actions"><button type="submit" class="cancel">Cancel</button></div>
</form>`
        : ''
    }`;
  } else {
    const refunded = charge.refunded_amount ? `<p>Refunded: ${money(charge.refunded_amount, charge.currency)}</p>` : '';
    body = `<h2>Status</h2><p class="status" role="status">${escapeHtml(statusText)}</p>${refunded}<p>There is nothing left to do on this page.</p>`;
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${providerName} checkout: ${amount} (simulated)`)}</title>
<style>:root{--accent:${escapeHtml(input.accent)}}${STYLE}</style>
</head>
<body>
<main>
<p class="sandbox" role="note">Simulated ${escapeHtml(providerName)} checkout (Xendit test mode). No real money moves.${input.viaApp ? ` Opened from the ${escapeHtml(providerName)} app link.` : ''}</p>
<h1>${escapeHtml(providerName)}</h1>
${input.notice ? `<p class="notice" role="alert">${escapeHtml(input.notice)}</p>` : ''}
<section aria-labelledby="summary-h">
<h2 id="summary-h">Order summary</h2>
<dl>
<dt>Merchant reference</dt><dd class="id">${escapeHtml(charge.reference_id)}</dd>
<dt>Amount</dt><dd class="total money">${escapeHtml(amount)}</dd>
<dt>Status</dt><dd>${escapeHtml(statusText)}</dd>
</dl>
${itemsTable(charge)}
</section>
${body}
</main>
</body>
</html>`;
}

export function renderMessagePage(title: string, message: string, lang = 'en'): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>:root{--accent:#3f3f46}${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body>
</html>`;
}
