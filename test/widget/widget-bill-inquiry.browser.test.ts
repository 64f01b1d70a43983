import './lit-warnings.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/widget/entries/bills.js';
import type { PaylaterCheckout, PaylaterErrorEvent } from '../../src/index.js';
import type { PaylaterBillClearEvent, PaylaterBillInquiry, PaylaterBillReadyEvent } from '../../src/widget/entries/bills.js';
import { BILL_ERRORS, billErrorText } from '../../src/widget/components/bill-inquiry/bill.messages.js';
import { PaylaterError } from '../../src/widget/shared/client.js';
import { PLN_TEST_NUMBERS } from '../../src/testing/bills.js';
import { accessibility, calls, editCompanionAnswer, part, parts, plansShown, resetNetwork, root, simulator, textOf, until, useNetwork, worker } from './harness.js';

const inquiryCalls = () => calls.filter((c) => c.path === '/paylater/bills/inquiry').length;
const formShown = (element: Element) => until(() => part(element, 'form'), 'the form');
const input = (element: Element) => part<HTMLInputElement>(element, 'input')!;
const radio = (element: Element, name: string) => {
  const card = parts(element, 'product').find((c) => textOf(c.querySelector('[part~="product-name"]')) === name);
  if (!card) throw new Error(`no product named ${name}`);
  return card.querySelector('input')!;
};
/** The rows of the inquiry result, as [label, value]. */
const rows = (element: Element) =>
  [...part(element, 'result')!.querySelectorAll('.row')].map((row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))] as [string, string]);

async function billInquiry(template = html`<paylater-bill-inquiry></paylater-bill-inquiry>`) {
  const element = await fixture<PaylaterBillInquiry>(template);
  await formShown(element);
  return element;
}

/** Types `number` into the input and presses the check button, as a pointer user would. */
async function check(element: PaylaterBillInquiry, number: string, product?: string) {
  if (product) {
    radio(element, product).click();
    await element.updateComplete;
  }
  const field = input(element);
  field.value = number;
  field.dispatchEvent(new Event('input'));
  await element.updateComplete;
  part<HTMLButtonElement>(element, 'submit')!.click();
}

describe('<paylater-bill-inquiry>', () => {
  useNetwork();

  it('renders the products, and a labelled numeric input with its hint', async () => {
    const element = await billInquiry();
    expect(parts(element, 'product-name').map(textOf)).to.deep.equal(['PLN Token 50.000', 'PLN Token 200.000', 'PLN Tagihan Listrik']);
    expect(parts(element, 'price').map(textOf)).to.deep.equal(['Rp 53,200', 'Rp 203,200', 'Amount shown after the check']);
    // The first product is chosen; the number is a meter number for a token, a customer ID for a bill.
    expect(element.product).to.equal('PLN_PREPAID_50K');
    expect(radio(element, 'PLN Token 50.000').checked).to.equal(true);
    const field = input(element);
    expect(field.getAttribute('inputmode')).to.equal('numeric');
    expect(field.getAttribute('autocomplete')).to.equal('off');
    expect(await accessibility(element, 'input[part~="input"]')).to.deep.equal([{ role: 'textbox', name: 'Meter number' }]);
    expect(await accessibility(element, 'fieldset')).to.deep.equal([{ role: 'group', name: 'What do you want to pay?' }]);
    expect(field.getAttribute('aria-describedby')).to.equal('hint');
    expect(textOf(part(element, 'hint'))).to.equal('11–12 digits');
    radio(element, 'PLN Tagihan Listrik').click();
    await element.updateComplete;
    expect(element.product).to.equal('PLN_POSTPAID');
    expect(textOf(part(element, 'label'))).to.equal('Customer ID');
    expect(textOf(part(element, 'submit'))).to.equal('Check');
  });

  it('[axe] is accessible with the form shown', async () => {
    const element = await billInquiry();
    await expect(element).to.be.accessible();
  });

  it('[axe] shows a skeleton while the products load, announced to screen readers', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.get('/paylater/bills/products', async ({ request }) => {
        await held;
        return (await import('./harness.js')).companionFetch(request);
      }),
    );
    const element = await fixture<PaylaterBillInquiry>(html`<paylater-bill-inquiry></paylater-bill-inquiry>`);
    const skeleton = part(element, 'skeleton')!;
    expect(skeleton.getAttribute('role')).to.equal('status');
    expect(textOf(skeleton)).to.equal('Loading bill products…');
    await expect(element).to.be.accessible();
    release();
    await formShown(element);
  });

  it('[axe] checks the digit count before any request, with an accessible error on the input', async () => {
    const element = await billInquiry();
    for (const wrong of ['', '1234567890', '1234567890123', '12345abc910']) {
      await check(element, wrong);
      await element.updateComplete;
      const field = input(element);
      expect(field.getAttribute('aria-invalid'), wrong).to.equal('true');
      expect(textOf(part(element, 'invalid'))).to.equal('Enter the 11 or 12 digits of the number, without letters.');
      expect(field.getAttribute('aria-describedby')).to.equal('hint problem');
      expect(root(element).activeElement).to.equal(field);
    }
    expect(inquiryCalls()).to.equal(0);
    await expect(element).to.be.accessible();
    // Fixed while typing: the error goes; spaces and dashes between the digits are fine.
    const field = input(element);
    field.value = '1234-5678 910';
    field.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(part(element, 'invalid')).to.equal(null);
    expect(field.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('shows a prepaid inquiry clearly and hands it over to <paylater-checkout>', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <paylater-bill-inquiry checkout-target="pay"></paylater-bill-inquiry>
      <paylater-checkout id="pay" hidden></paylater-checkout>
    </div>`);
    const element = wrapper.querySelector('paylater-bill-inquiry')!;
    const checkout = wrapper.querySelector<PaylaterCheckout>('paylater-checkout')!;
    checkout.navigate = () => {};
    await formShown(element);
    const ready = oneEvent(element, 'paylater-bill-ready') as Promise<PaylaterBillReadyEvent>;
    await check(element, '12345678910');
    const event = await ready;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.include({ product_id: 'PLN_PREPAID_50K', customer_number: '12345678910', currency: 'IDR', base_amount: 50_000, admin_amount: 3_200, total_amount: 53_200 });
    expect(event.detail.checkout).to.match(/^bill_/);
    expect(rows(element)).to.deep.equal([
      ['Name', 'PELANGGAN SIMULASI 8910'],
      ['Meter number', '12345678910'],
      ['Tariff / power', 'R1/1300VA'],
      ['Product', 'PLN Token 50.000'],
      ['Amount', 'Rp 50,000'],
      ['Admin fee', 'Rp 3,200'],
      ['Total to pay', 'Rp 53,200'],
    ]);
    expect(element.inquiry?.checkout).to.equal(event.detail.checkout);
    // Announced: the result is inside a live region that was there before it.
    expect(part(element, 'result')!.closest('[role="status"]')).to.not.equal(null);
    expect(textOf(part(element, 'next'))).to.equal('Choose how to pay it with PayLater below.');
    await expect(element).to.be.accessible();
    // The checkout shows the plans for the inquiry's total (the companion resolved the handle).
    expect(checkout.hidden).to.equal(false);
    expect(checkout.checkout).to.equal(event.detail.checkout);
    await plansShown(checkout);
    expect(textOf(part(checkout, 'amount'))).to.equal('Rp 53,200');
  });

  it('shows the bill periods of a postpaid inquiry, each with its amount', async () => {
    const element = await billInquiry();
    await check(element, '22345678912', 'PLN Tagihan Listrik');
    await until(() => part(element, 'result'), 'the result');
    const shown = Object.fromEntries(rows(element));
    expect(shown['Customer ID']).to.equal('22345678912');
    expect(shown['Product']).to.equal('PLN Tagihan Listrik');
    const periods = [...part(element, 'result')!.querySelectorAll('li')].map(textOf);
    expect(periods).to.have.length(3);
    expect(periods[0]).to.match(/^[A-Z]{3} \d{4} Rp 157,000$/);
    expect(shown['Bill periods']).to.contain(periods[2]);
    expect(shown['Amount']).to.equal('Rp 467,750');
    expect(shown['Admin fee']).to.equal('Rp 7,500');
    expect(shown['Total to pay']).to.equal('Rp 475,250');
    expect(part(element, 'next')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('is used with the keyboard alone: product, number, Enter, then the plans', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <button>before</button>
      <paylater-bill-inquiry checkout-target="pay"></paylater-bill-inquiry>
      <paylater-checkout id="pay" hidden></paylater-checkout>
    </div>`);
    const element = wrapper.querySelector('paylater-bill-inquiry')!;
    const checkout = wrapper.querySelector<PaylaterCheckout>('paylater-checkout')!;
    await formShown(element);
    wrapper.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    const radios = parts<HTMLInputElement>(element, 'radio');
    expect(root(element).activeElement).to.equal(radios[0]);
    expect(getComputedStyle(radios[0]!.closest('[part~="product"]')!).outlineStyle).to.equal('solid');
    await sendKeys({ press: 'ArrowDown' });
    expect(radios[1]!.checked).to.equal(true);
    await element.updateComplete;
    expect(element.product).to.equal('PLN_PREPAID_200K');
    await sendKeys({ press: 'Tab' });
    expect(root(element).activeElement).to.equal(input(element));
    await sendKeys({ type: '12345678910' });
    const ready = oneEvent(element, 'paylater-bill-ready') as Promise<PaylaterBillReadyEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await ready).detail.total_amount).to.equal(203_200);
    expect(Object.fromEntries(rows(element))['Total to pay']).to.equal('Rp 203,200');
    // Focus stays on the number (the result is announced), and Tab goes on into the plans, which
    // show the inquiry's total.
    expect(root(element).activeElement).to.equal(input(element));
    await plansShown(checkout);
    expect(textOf(part(checkout, 'amount'))).to.equal('Rp 203,200');
    await sendKeys({ press: 'Tab' });
    expect(root(element).activeElement).to.equal(part(element, 'submit'));
    await sendKeys({ press: 'Tab' });
    expect(root(checkout).activeElement).to.equal(part(checkout, 'sort'));
    // The tenor chips are one Tab stop, then the providers.
    await sendKeys({ press: 'Tab' });
    expect(root(checkout).activeElement).to.equal(part(checkout, 'tenors')!.querySelector('input:checked'));
    await sendKeys({ press: 'Tab' });
    expect(root(checkout).activeElement).to.equal(part(checkout, 'radio'));
    const selected = oneEvent(checkout, 'paylater-select');
    await sendKeys({ press: 'ArrowDown' });
    await selected;
  });

  it('withdraws the inquiry when the number or product changes', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <paylater-bill-inquiry checkout-target="pay"></paylater-bill-inquiry>
      <paylater-checkout id="pay" hidden></paylater-checkout>
    </div>`);
    const element = wrapper.querySelector('paylater-bill-inquiry')!;
    const checkout = wrapper.querySelector<PaylaterCheckout>('paylater-checkout')!;
    await formShown(element);
    const ready = oneEvent(element, 'paylater-bill-ready') as Promise<PaylaterBillReadyEvent>;
    await check(element, '12345678910');
    const handle = (await ready).detail.checkout;
    expect(checkout.checkout).to.equal(handle);
    const cleared = oneEvent(element, 'paylater-bill-clear') as Promise<PaylaterBillClearEvent>;
    const field = input(element);
    field.value = '123456789101';
    field.dispatchEvent(new Event('input'));
    expect((await cleared).detail.checkout).to.equal(handle);
    await element.updateComplete;
    expect(part(element, 'result')).to.equal(null);
    expect(checkout.hidden).to.equal(true);
    expect(checkout.checkout).to.equal('');
    expect(element.inquiry).to.equal(undefined);
    // A new check, then another product: withdrawn again.
    const again = oneEvent(element, 'paylater-bill-ready');
    part<HTMLButtonElement>(element, 'submit')!.click();
    await again;
    radio(element, 'PLN Token 200.000').click();
    await element.updateComplete;
    expect(part(element, 'result')).to.equal(null);
    expect(checkout.hidden).to.equal(true);
  });

  // Every PLN test number that the biller refuses at inquiry, from the simulator's own table: a
  // number added there is covered here without a change.
  const refused = (['prepaid', 'postpaid'] as const).flatMap((kind) =>
    Object.entries(PLN_TEST_NUMBERS[kind])
      .filter(([, row]) => row.outcome.kind === 'error' && row.outcome.at === 'both')
      .map(([number, row]) => ({ kind, number, meaning: row.meaning })),
  );
  const product = (kind: 'prepaid' | 'postpaid') => (kind === 'prepaid' ? 'PLN Token 50.000' : 'PLN Tagihan Listrik');

  for (const { kind, number, meaning } of refused) {
    it(`[axe] says why ${kind} ${number} (${meaning}) cannot be paid, with a way forward, in en and id`, async () => {
      for (const locale of ['en', 'id']) {
        resetNetwork();
        const element = await fixture<PaylaterBillInquiry>(html`<paylater-bill-inquiry locale=${locale}></paylater-bill-inquiry>`);
        await formShown(element);
        const errored = oneEvent(element, 'paylater-error') as Promise<PaylaterErrorEvent>;
        await check(element, number, product(kind));
        const { detail } = await errored;
        expect(detail.stage).to.equal('inquiry');
        expect(BILL_ERRORS[detail.code], `${detail.code} has bill words`).to.be.a('string');
        await element.updateComplete;
        const problem = part(element, 'error')!;
        const words = billErrorText(locale, new PaylaterError(detail.code, detail.status, ''));
        expect(textOf(problem.querySelector('p'))).to.equal(words);
        expect(detail.message).to.equal(words);
        expect(problem.getAttribute('role')).to.equal('alert');
        expect(root(element).activeElement).to.equal(problem);
        // The way forward: try again later (the biller), or fix the number (the rest).
        const biller = detail.code.startsWith('BILLER_');
        expect(!!part(element, 'retry'), 'a retry for a biller failure only').to.equal(biller);
        if (!biller) expect(words).to.match(locale === 'en' ? /[Cc]heck|[Cc]hoose|try again later/ : /[Pp]eriksa|[Pp]ilih|coba lagi nanti/);
        expect(part(element, 'result')).to.equal(null);
        if (locale === 'en') await expect(element).to.be.accessible();
      }
    });
  }

  it('shows a result for every other PLN test number (their failures come after payment)', async () => {
    const element = await billInquiry();
    for (const kind of ['prepaid', 'postpaid'] as const) {
      for (const [number, row] of Object.entries(PLN_TEST_NUMBERS[kind])) {
        if (row.outcome.kind === 'error' && row.outcome.at === 'both') continue;
        const ready = oneEvent(element, 'paylater-bill-ready') as Promise<PaylaterBillReadyEvent>;
        await check(element, number, product(kind));
        expect((await ready).detail.customer_number, number).to.equal(number);
      }
    }
  });

  it('marks the input invalid when the biller says the number is wrong', async () => {
    const element = await billInquiry();
    await check(element, '12345678911');
    await until(() => part(element, 'error'), 'the error');
    expect(input(element).getAttribute('aria-invalid')).to.equal('true');
    expect(input(element).getAttribute('aria-describedby')).to.equal('hint problem');
    expect(textOf(part(element, 'error')?.querySelector('p'))).to.equal('This number was not found at PLN. Check it against your meter or your last bill, then try again.');
    // The companion's request id, for support.
    expect(textOf(part(element, 'error')?.querySelector('.ref'))).to.match(/^Reference: \S+$/);
  });

  it('tries again after a biller failure, which then works', async () => {
    simulator.injectFault({ route: 'inquiry', status: 503, times: 1 });
    const element = await billInquiry(html`<paylater-bill-inquiry locale="id"></paylater-bill-inquiry>`);
    await check(element, '12345678910');
    await until(() => part(element, 'retry'), 'the retry');
    expect(textOf(part(element, 'error')?.querySelector('p'))).to.equal('PLN sedang dalam pemeliharaan. Silakan coba lagi nanti.');
    const ready = oneEvent(element, 'paylater-bill-ready');
    part<HTMLButtonElement>(element, 'retry')!.focus();
    part<HTMLButtonElement>(element, 'retry')!.click();
    await ready;
    expect(part(element, 'error')).to.equal(null);
    // The retry button went away with the error: focus goes to the check button, not nowhere.
    await until(() => root(element).activeElement === part(element, 'submit'), 'focus on the check button');
    expect(Object.fromEntries(rows(element))['Total bayar']).to.equal('Rp 53.200');
  });

  it('says a network failure in words, and an answer that breaks the contract', async () => {
    worker.use(http.post('/paylater/bills/inquiry', () => HttpResponse.error()));
    const element = await billInquiry();
    await check(element, '12345678910');
    await until(() => part(element, 'error'), 'the error');
    expect(textOf(part(element, 'error')?.querySelector('p'))).to.contain('Could not reach the payment service');
    expect(part(element, 'retry')).to.not.equal(null);
    worker.resetHandlers();
    worker.use(editCompanionAnswer('bills/inquiry', (body) => ({ ...body, total_amount: String(body.total_amount) })));
    const errored = oneEvent(element, 'paylater-error') as Promise<PaylaterErrorEvent>;
    part<HTMLButtonElement>(element, 'retry')!.click();
    expect((await errored).detail.code).to.equal('INVALID_RESPONSE');
    expect(part(element, 'result')).to.equal(null);
  });

  // docs.xendit.co/apidocs/create-inquiry (PLN Prepaid Inquiry Response): customer_details "Nama Pelanggan",
  // "Nomor Pelanggan"; product_details "Tarif/Daya" (not in customer_details), "Denom".
  it('shows the name and tariff/power of the docs.xendit.co Create Inquiry example, whose labels are human and vary in case', async () => {
    worker.use(
      editCompanionAnswer('bills/inquiry', (body) => ({
        ...body,
        customer_details: [
          { key: 'NAMA PELANGGAN', value: 'John Doe' },
          { key: 'Nomor Pelanggan', value: '12345678910' },
        ],
        product_details: [
          { key: 'Tarif/Daya', value: 'R2/000003500' },
          { key: 'Denom', value: '100.000' },
        ],
        bill_details: [{ key: 'Admin', value: '3200' }],
      })),
    );
    const element = await billInquiry();
    await check(element, '12345678910');
    await until(() => part(element, 'result'), 'the result');
    expect(rows(element).slice(0, 3)).to.deep.equal([
      ['Name', 'John Doe'],
      ['Meter number', '12345678910'],
      ['Tariff / power', 'R2/000003500'],
    ]);
  });

  it('shows biller text as text, never as markup', async () => {
    worker.use(
      editCompanionAnswer('bills/inquiry', (body) => ({
        ...body,
        product_name: '<b>PLN</b>',
        customer_details: [{ key: 'customer_name', value: '<img src=x onerror="window.__pwned=1">Budi' }],
        bill_details: [{ key: 'period_1', value: '<i>JAN</i>' }],
      })),
    );
    const element = await billInquiry();
    await check(element, '12345678910');
    await until(() => part(element, 'result'), 'the result');
    const result = part(element, 'result')!;
    expect(result.querySelector('img, b, i')).to.equal(null);
    expect(textOf(result)).to.contain('<img src=x onerror="window.__pwned=1">Budi').and.contain('<b>PLN</b>').and.contain('<i>JAN</i>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('loads the products again after a failure, and says when there are none', async () => {
    worker.use(http.get('/paylater/bills/products', () => HttpResponse.error()));
    const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
    const element = await fixture<PaylaterBillInquiry>(html`<paylater-bill-inquiry></paylater-bill-inquiry>`);
    expect((await errored).detail).to.include({ code: 'NETWORK_ERROR', stage: 'products' });
    await until(() => part(element, 'retry'), 'the retry');
    await expect(element).to.be.accessible();
    worker.resetHandlers();
    part<HTMLButtonElement>(element, 'retry')!.click();
    await formShown(element);
    await until(() => root(element).activeElement === part(element, 'radio'), 'focus on the chosen product');
    worker.use(editCompanionAnswer('bills/products', (body) => ({ products: body.products.map((p: object) => ({ ...p, available: false })) })));
    element.endpoint = '/paylater/';
    await until(() => part(element, 'empty'), 'the empty state');
    expect(textOf(part(element, 'empty'))).to.equal('Bill payments are not available right now.');
  });

  it('sends one inquiry however often the button is pressed', async () => {
    const element = await billInquiry(html`<paylater-bill-inquiry customer-number="12345678910"></paylater-bill-inquiry>`);
    expect(input(element).value).to.equal('12345678910');
    const button = part<HTMLButtonElement>(element, 'submit')!;
    const ready = oneEvent(element, 'paylater-bill-ready');
    button.click();
    button.click();
    await element.updateComplete;
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(button)).to.equal('Checking…');
    button.click();
    await ready;
    expect(inquiryCalls()).to.equal(1);
  });

  it('speaks Indonesian from the page language and formats money for it', async () => {
    document.documentElement.lang = 'id-ID';
    const element = await billInquiry();
    expect(textOf(part(element, 'legend'))).to.equal('Apa yang ingin Anda bayar?');
    expect(textOf(part(element, 'label'))).to.equal('Nomor meter');
    expect(textOf(part(element, 'hint'))).to.equal('11–12 digit');
    expect(parts(element, 'price').map(textOf).slice(0, 2)).to.deep.equal(['Rp 53.200', 'Rp 203.200']);
    await check(element, '22345678911', 'PLN Tagihan Listrik');
    await until(() => part(element, 'result'), 'the result');
    expect(rows(element).map(([label]) => label)).to.deep.equal(['Nama', 'ID pelanggan', 'Tarif / daya', 'Produk', 'Periode tagihan', 'Jumlah', 'Biaya admin', 'Total bayar']);
    await expect(element).to.be.accessible();
  });

  it('can be defined again without error and is typed in HTMLElementTagNameMap', async () => {
    const { define } = await import('../../src/widget/entries/define.js');
    const { PaylaterBillInquiry: Element } = await import('../../src/widget/entries/bills.js');
    define('paylater-bill-inquiry', Element);
    const element: PaylaterBillInquiry = document.createElement('paylater-bill-inquiry');
    expect(element).to.be.instanceOf(Element);
  });
});
