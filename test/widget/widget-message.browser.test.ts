import { takeWarnings } from './lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/widget/entries/message.js';
import type { PaylaterCheckout } from '../../src/index.js';
import { PaylaterMessage } from '../../src/widget/entries/message.js';
import { fetchTerms, forgetTerms } from '../../src/widget/shared/terms-client.js';
import { planOptions, SIMULATOR_CHANNELS } from '../../src/testing/paylater.js';
import { accessibility, calls, carts, orderOf, part, parts, plansShown, root, textOf, until, useNetwork } from './harness.js';

const termsCalls = () => calls.filter((c) => c.path === '/paylater/terms').length;
/** The message's line as a shopper reads it (spaces made plain). */
const lineOf = (element: Element) => textOf(part(element, 'base')).replace(/\s+/g, ' ').trim();
const shown = (element: PaylaterMessage) => until(() => part(element, 'amount') ?? (element.shadowRoot!.querySelector('p:not(:empty)') && element), 'the message');

describe('<paylater-message>', () => {
  useNetwork();
  beforeEach(() => forgetTerms());

  it('says the lowest monthly payment and who offers it, in id and en, with the checkout\u2019s own figure', async () => {
    for (const [amount, locale] of [
      [1_500_000, 'id'],
      [2_345_678, 'en'],
      [777_777, 'id'],
    ] as const) {
      const message = await fixture<PaylaterMessage>(html`<paylater-message amount=${amount} locale=${locale}></paylater-message>`);
      await shown(message);
      // The checkout for a cart of the same amount: its lowest installment_amount is the message's figure.
      carts['cart-1'] = orderOf(amount);
      const checkout = await fixture<PaylaterCheckout>(html`<paylater-checkout checkout="cart-1" locale=${locale}></paylater-checkout>`);
      await plansShown(checkout);
      // Each option's payment: its first cell's text without the note under it.
      const amounts = parts(checkout, 'option').map((row) => {
        const cell = row.querySelectorAll('td')[0]!;
        return cell.textContent!.replace(cell.querySelector('.desc')!.textContent!, '').trim();
      });
      const money = (n: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'IDR', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(n);
      const lowest = textOf(part(message, 'amount')).trim();
      expect(amounts.map((a) => a.replace(/\s/g, ' ')), `${amount}`).to.include(lowest.replace(/\s/g, ' '));
      const numbers = amounts.map((a) => Number(a.replace(/\D/g, '')));
      expect(Number(lowest.replace(/\D/g, '')), `${amount}`).to.equal(Math.min(...numbers));
      expect(lineOf(message)).to.match(locale === 'id' ? /^atau cicil mulai Rp\s[\d.]+\/bln dengan [A-Za-z]+/ : /^or from Rp\s[\d,]+\/month with [A-Za-z]+/);
      expect(money(0)).to.contain('Rp');
      message.remove();
      checkout.remove();
    }
  });

  it('for 1,000 random amounts per provider (IDR and PHP) the figure is the lowest installment_amount of the provider\u2019s real plans', async () => {
    // A fixed seed: a failure names an amount that can be tried again.
    let seed = 20261202;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const currency of ['IDR', 'PHP']) {
      const terms = await fetchTerms('/paylater', currency);
      for (const provider of terms.providers) {
        const spec = SIMULATOR_CHANNELS[provider.channel_code]!;
        const message = await fixture<PaylaterMessage>(html`<paylater-message currency=${currency} channels=${provider.channel_code} locale="en"></paylater-message>`);
        const low = Math.max(provider.min_amount, spec.min);
        const high = Math.min(provider.max_amount, spec.max);
        const decimals = currency === 'IDR' ? 0 : 2;
        for (let i = 0; i < 1000; i += 1) {
          const amount = Math.round((low + random() * (high - low)) * 10 ** decimals) / 10 ** decimals;
          message.amount = amount;
          await message.updateComplete;
          // What the checkout shows for this amount: the simulator's plans, as Xendit would answer them.
          const expected = Math.min(...planOptions(spec, amount).map((o) => o.installment_amount));
          const shown = Number(textOf(part(message, 'amount')).replace(/[^\d.]/g, ''));
          if (shown !== expected) expect.fail(`${provider.channel_code} ${amount}: the message says ${shown}, the plans ${expected}`);
        }
        message.remove();
      }
    }
    expect(termsCalls()).to.equal(2);
  });

  it('48 messages on a page cost one request; a price change costs none and re-renders at once', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      ${Array.from({ length: 48 }, (_, i) => html`<paylater-message amount=${100_000 + i * 25_000}></paylater-message>`)}
    </div>`);
    const messages = [...page.querySelectorAll<PaylaterMessage>('paylater-message')];
    await until(() => messages.every((m) => part(m, 'amount')), 'all 48 messages');
    expect(termsCalls()).to.equal(1);
    const before = lineOf(messages[0]!);
    messages[0]!.amount = 3_000_000;
    await messages[0]!.updateComplete;
    expect(lineOf(messages[0]!)).to.not.equal(before);
    expect(termsCalls()).to.equal(1);
  });

  it('says a single payment as one, never per month; "0%" only where it is true', async () => {
    // Rp 30,000: a single payment in 30 days at each provider that takes it.
    const once = await fixture<PaylaterMessage>(html`<paylater-message amount="30000" locale="id"></paylater-message>`);
    await shown(once);
    expect(lineOf(once)).to.match(/^atau bayar Rp\s30\.000 dalam 30 hari dengan /).and.not.contain('/bln');
    // Rp 95,000: the lowest payment is Atome's 3× at 0%, which costs nothing: said so.
    const free = await fixture<PaylaterMessage>(html`<paylater-message amount="95000" locale="id"></paylater-message>`);
    await shown(free);
    // It names only who offers 0% instalments: Kredivo and Akulaku take Rp 95,000 in one payment only.
    expect(lineOf(free)).to.match(/^atau cicilan 0% mulai Rp\s31\.667\/bln dengan Atome Lihat pilihan$/);
    // Rp 190,000: Atome's 3× is 0%, Akulaku's and Kredivo's 3× have interest: Atome alone is named with "0%".
    const free2 = await fixture<PaylaterMessage>(html`<paylater-message amount="190000" locale="en"></paylater-message>`);
    await shown(free2);
    expect(lineOf(free2)).to.match(/^or 0% instalments from Rp\s63,334\/month with Atome See plans$/);
    // Rp 1,500,000: the lowest payment (12×) has interest: no "0%".
    const paid = await fixture<PaylaterMessage>(html`<paylater-message amount="1500000" locale="id"></paylater-message>`);
    await shown(paid);
    expect(lineOf(paid)).to.not.contain('0%');
    // "/month with …" names those with instalments; one that takes the amount in a single payment only is not among them.
    // Rp 135,000: UangMe has a 3×, Kredivo takes it in one payment only.
    const few = await fixture<PaylaterMessage>(html`<paylater-message amount="135000" locale="en" channels="ID_KREDIVO ID_UANGME"></paylater-message>`);
    await shown(few);
    expect(lineOf(few)).to.match(/^or from Rp\s51,075\/month with UangMe See plans$/);
  });

  it('an amount no provider takes: nothing at all by default, or the range when asked to explain', async () => {
    const hidden = await fixture<PaylaterMessage>(html`<paylater-message amount="500"></paylater-message>`);
    await until(() => termsCalls() === 1 && !hidden.shadowRoot!.querySelector('p'), 'nothing');
    expect(hidden.getBoundingClientRect().height).to.equal(0);
    const explained = await fixture<PaylaterMessage>(html`<paylater-message amount="500" ineligible="explain" locale="id"></paylater-message>`);
    await until(() => explained.shadowRoot!.querySelector('p')?.textContent?.trim(), 'the reason');
    expect(lineOf(explained)).to.equal('PayLater tersedia mulai Rp 1.000'.replace(/ /g, ' ').replace('Rp 1', 'Rp\u00a01').replace(/\s/g, ' '));
    const high = await fixture<PaylaterMessage>(html`<paylater-message amount="99000000" ineligible="explain"></paylater-message>`);
    await until(() => high.shadowRoot!.querySelector('p')?.textContent?.trim(), 'the reason');
    expect(lineOf(high)).to.match(/^PayLater up to Rp\s30,000,000$/);
  });

  it('keeps its line\u2019s height from the start: nothing below moves when the terms arrive', async () => {
    const page = await fixture<HTMLElement>(html`<div style="width: 600px"><paylater-message amount="1500000"></paylater-message><p>Below</p></div>`);
    const below = page.querySelector('p')!;
    const before = below.getBoundingClientRect().top;
    const message = page.querySelector<PaylaterMessage>('paylater-message')!;
    await shown(message);
    expect(below.getBoundingClientRect().top).to.equal(before);
  });

  it('"See plans" opens a dialog that compares every provider\u2019s options, by keyboard; Escape closes it and focus comes back [axe]', async () => {
    const message = await fixture<PaylaterMessage>(html`<paylater-message amount="1500000"></paylater-message>`);
    await shown(message);
    const see = part<HTMLButtonElement>(message, 'see')!;
    expect(await accessibility(message, '[part~="see"]')).to.deep.equal([{ role: 'button', name: 'See plans' }]);
    // A 44 px tap target, though the line stays one text line high; in a product card's small print too.
    expect(see.getBoundingClientRect().height).to.be.at.least(44);
    message.style.cssText = 'display: block; margin: 40px 0; font-size: 11px';
    const { left, top, bottom, width } = see.getBoundingClientRect();
    const middle = (top + bottom) / 2;
    for (const y of [middle - 21, middle + 21]) expect(root(message).elementFromPoint(left + width / 2, y) === see, `a tap ${y - middle} px from the middle`).to.equal(true);
    message.style.cssText = '';
    expect(part(message, 'base')!.getBoundingClientRect().height).to.be.below(30);
    see.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = part<HTMLDialogElement>(message, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(await accessibility(message, 'dialog')).to.deep.equal([{ role: 'dialog', name: 'PayLater plans for Rp 1,500,000' }]);
    // It opens at its top with the focus on its title (read first), within the screen, in the page's text size; Tab goes on to Close.
    expect(root(message).activeElement === dialog.querySelector('h2'), 'the focus is on the title').to.equal(true);
    expect(dialog.scrollTop).to.equal(0);
    const box = dialog.getBoundingClientRect();
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(innerHeight);
    expect(part(message, 'close')!.getBoundingClientRect().right).to.be.at.most(box.right);
    expect(getComputedStyle(dialog).fontSize).to.equal(getComputedStyle(document.documentElement).fontSize);
    await sendKeys({ press: 'Tab' });
    expect(root(message).activeElement === part(message, 'close'), 'Tab goes on to Close').to.equal(true);
    // Every provider that takes the amount, each with its options' table.
    expect([...dialog.querySelectorAll('h3')].map(textOf)).to.have.members(['Kredivo', 'Akulaku', 'Indodana', 'Atome', 'UangMe']);
    expect(dialog.querySelectorAll('table').length).to.equal(5);
    await expect(message).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.equal(false);
    expect(root(message).activeElement).to.equal(see);
  });

  it('on a phone (375 × 667) Close is in sight over the options without scrolling, and a tap on the backdrop closes the dialog', async () => {
    await setViewport({ width: 375, height: 667 });
    try {
      const message = await fixture<PaylaterMessage>(html`<paylater-message amount="1500000" locale="id"></paylater-message>`);
      await shown(message);
      part<HTMLButtonElement>(message, 'see')!.click();
      await until(() => part<HTMLDialogElement>(message, 'dialog')?.open, 'the dialog');
      const dialog = part<HTMLDialogElement>(message, 'dialog')!;
      expect(dialog.scrollHeight, 'the options are longer than the screen').to.be.above(dialog.clientHeight);
      const close = part(message, 'close')!;
      const { left, top, width, height, bottom } = close.getBoundingClientRect();
      expect(bottom).to.be.at.most(innerHeight);
      expect(root(message).elementFromPoint(left + width / 2, top + height / 2) === close, 'Close is on top, tappable').to.equal(true);
      expect(getComputedStyle(close).backgroundColor, 'the rows scrolling under it do not show through').to.equal(getComputedStyle(dialog).backgroundColor);
      // A tap inside the dialog, on its own padding, leaves it open; one on the backdrop (outside its box) closes it.
      const box = dialog.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + 4), Math.round(box.top + 4)] });
      expect(dialog.open).to.equal(true);
      await sendMouse({ type: 'click', position: [2, 2] });
      await until(() => !dialog.open, 'the dialog closed');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a dialog whose file cannot be loaded (a bundler that did not copy it) says so: paylater-error at stage "dialog"; the next click tries again', async () => {
    const saved = PaylaterMessage.dialog;
    let tries = 0;
    PaylaterMessage.dialog = () => ((tries += 1), Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    try {
      const message = await fixture<PaylaterMessage>(html`<paylater-message amount="1500000"></paylater-message>`);
      await shown(message);
      const errors: { stage: string; message: string }[] = [];
      message.addEventListener('paylater-error', (event) => errors.push((event as CustomEvent).detail));
      part<HTMLButtonElement>(message, 'see')!.click();
      await until(() => errors.length === 1, 'the error event');
      expect(errors[0]!.stage).to.equal('dialog');
      expect(errors[0]!.message).to.be.a('string').and.not.equal('');
      part<HTMLButtonElement>(message, 'see')!.click();
      await until(() => tries === 2, 'tried again');
    } finally {
      PaylaterMessage.dialog = saved;
    }
  });

  it('an amount written as a shop shows a price ("1.500.000") is no number: a console warning says how to write it, and no figure is made up', async () => {
    const message = await fixture<PaylaterMessage>(html`<paylater-message amount="1.500.000" ineligible="explain"></paylater-message>`);
    await until(() => message.shadowRoot!.querySelector('p')?.textContent?.trim(), 'the line');
    expect(takeWarnings()).to.deep.equal(['<paylater-message>: amount "1.500.000" is not a number; write 1500000']);
    expect(lineOf(message)).to.match(/^PayLater from /);
  });

  it('[axe] is accessible as a line and as a card', async () => {
    for (const layout of ['line', 'card']) {
      const message = await fixture<PaylaterMessage>(html`<paylater-message amount="1500000" layout=${layout}></paylater-message>`);
      await shown(message);
      await expect(message).to.be.accessible();
    }
  });

  it('takes its properties as a Lit element does: set before the tag is defined, a channel list as a string, `layout` reflected, an attribute removed', async () => {
    // A property set on the element before its definition (a framework rendering first) is kept.
    const early = document.createElement('paylater-message-early') as PaylaterMessage;
    early.amount = 30_000;
    early.locale = 'id';
    customElements.define('paylater-message-early', class extends PaylaterMessage {});
    const page = await fixture<HTMLElement>(html`<div></div>`);
    page.append(early);
    await shown(early);
    expect(lineOf(early)).to.match(/^atau bayar Rp\s30\.000 dalam 30 hari dengan /);

    const message = await fixture<PaylaterMessage>(html`<paylater-message amount="1500000"></paylater-message>`);
    await shown(message);
    expect(message.getAttribute('layout')).to.equal('line');
    // Channels as the attribute's string, set as a property: one provider, named alone.
    message.channels = 'ID_ATOME';
    await message.updateComplete;
    expect(message.channels).to.deep.equal(['ID_ATOME']);
    expect(lineOf(message)).to.match(/ with Atome See plans$/);
    message.layout = 'card';
    await message.updateComplete;
    expect(message.getAttribute('layout')).to.equal('card');
    expect(getComputedStyle(part(message, 'base')!).borderTopStyle).to.equal('solid');
    // The attribute removed: the property is back to its default.
    message.setAttribute('amount', '500');
    await message.updateComplete;
    expect(part(message, 'base')).to.equal(null);
    message.removeAttribute('amount');
    expect(message.amount).to.equal(0);
    expect(termsCalls()).to.equal(1);
  });
});
