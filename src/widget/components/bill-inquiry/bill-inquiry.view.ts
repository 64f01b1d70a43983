/**
 * What `<paylater-bill-inquiry>` draws inside and beside its form, as functions of what it knows (no
 * state of their own): the skeleton, a product's radio card, the number field and the biller's answer. The element (`bill-inquiry.ts`)
 * decides what is chosen and what happens on a change; these only draw it.
 */
import { html, nothing } from 'lit';
import { billDetail, type BillDetail, type BillInquiryResponseBody, type BillProduct } from '../../../contract/index.js';
import type { Params } from '../../shared/i18n.js';
import type { BillMessageKey } from './bill.messages.js';

/** The element's words: its bill texts and money, in its language. */
export interface BillWords {
  b(key: BillMessageKey, params?: Params): string;
  money(currency: string, amount: number): string;
}

const detailOf = (list: readonly BillDetail[], key: string) => list.find((d) => d.key === key)?.value ?? undefined;

/** Postpaid bill periods from `bill_details` (`period_1`, `amount_1`, ...), in their order. */
function periodsOf(details: readonly BillDetail[]): { period: string; amount: number | undefined }[] {
  const out: { period: string; amount: number | undefined }[] = [];
  for (const { key, value } of details) {
    const n = /^period_(\d+)$/.exec(key)?.[1];
    if (!n || !value) continue;
    const amount = Number(detailOf(details, `amount_${n}`) ?? NaN);
    out.push({ period: value, amount: Number.isFinite(amount) ? amount : undefined });
  }
  return out;
}

/** Three grey rows while the products load, said as "Loading…". */
export const renderSkeleton = (w: BillWords) =>
  html`<div part="skeleton" class="skeleton" role="status">
    <div class="bone"></div>
    <div class="bone"></div>
    <div class="bone"></div>
    <span class="sr-only">${w.b('loading')}</span>
  </div>`;

/** What the number field shows. */
export interface NumberField {
  /** A postpaid product: the field asks for the customer id, else the meter number. */
  postpaid: boolean;
  value: string;
  /** The digit check failed: its message is shown. */
  invalid: boolean;
  /** The number is what is wrong (the digit check, or the biller's answer): the input is marked invalid and described by the message. */
  numberError: boolean;
  /** Called with the element as `this` (Lit's event bindings use the host). */
  onInput(event: Event): void;
}

/** The meter or customer number: its label, input, hint and, when the digits are wrong, why. */
export const renderNumberField = (w: BillWords, f: NumberField) =>
  html`<div part="field" class="field">
    <label part="label" for="number">${w.b(f.postpaid ? 'customerId' : 'meterNumber')}</label>
    <input
      id="number"
      part="input"
      type="text"
      inputmode="numeric"
      autocomplete="off"
      spellcheck="false"
      aria-describedby=${f.numberError ? 'hint problem' : 'hint'}
      aria-invalid=${f.numberError ? 'true' : nothing}
      .value=${f.value}
      @input=${f.onInput}
    />
    <p part="hint" id="hint" class="hint">${w.b('hint')}</p>
    ${f.invalid ? html`<p part="invalid" id="problem" class="invalid">${w.b('invalid')}</p>` : nothing}
  </div>`;

/** One product: a radio card with its name and price (or why it cannot be bought). */
export function renderProduct(w: BillWords, product: BillProduct, checked: boolean, choose: () => void) {
  const price = product.total_amount === null ? w.b('afterCheck') : w.money(product.currency, product.total_amount);
  const parts = `product${checked ? ' product-selected' : ''}${product.available ? '' : ' product-unavailable'}`;
  return html`<label part=${parts} class="product card${checked ? ' selected' : ''}">
    <input
      type="radio"
      name="product"
      part="radio"
      .value=${product.id}
      .checked=${checked}
      ?disabled=${!product.available}
      @change=${choose}
    />
    <span part="product-name" class="name">${product.name}</span>
    <span part="price" class="price">${product.available ? price : w.b('unavailable')}</span>
  </label>`;
}

/** What the biller says is owed, and (with a checkout to hand over to) what comes next. */
export function renderResult(w: BillWords, result: BillInquiryResponseBody, postpaid: boolean, next: boolean) {
  const money = (amount: number) => w.money(result.currency, amount);
  // Labels vary by biller and language; the docs put Tarif/Daya in product_details, so look in all.
  const all = [result.customer_details, result.product_details, result.bill_details];
  const name = billDetail('customerName', ...all);
  const tariff = billDetail('tariffPower', ...all);
  const periods = periodsOf(result.bill_details);
  const row = (label: string, value: unknown, part = '') => html`<div class="row ${part}" part=${part || nothing}><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section part="result" class="result card" aria-labelledby="result-title">
    <p part="result-title" id="result-title" class="title">${w.b('resultTitle')}</p>
    <dl>
      ${name ? row(w.b('name'), name) : nothing}
      ${row(w.b(postpaid ? 'customerId' : 'meterNumber'), result.customer_number)}
      ${tariff ? row(w.b('tariff'), tariff) : nothing}
      ${row(w.b('product'), result.product_name)}
      ${periods.length
        ? row(
            w.b(periods.length > 1 ? 'periods' : 'period'),
            html`<ul>
              ${periods.map((p) => html`<li><span>${p.period}</span> ${p.amount === undefined ? nothing : html`<span>${money(p.amount)}</span>`}</li>`)}
            </ul>`,
            'periods',
          )
        : nothing}
      ${row(w.b('amount'), money(result.base_amount))}
      ${row(w.b('admin'), money(result.admin_amount))}
      ${row(w.b('total'), html`<strong>${money(result.total_amount)}</strong>`, 'total')}
    </dl>
    ${next ? html`<p part="next" class="hint">${w.b('next')}</p>` : nothing}
  </section>`;
}
