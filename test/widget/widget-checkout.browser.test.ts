import './lit-warnings.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import '../../src/index.js';
import type { PaylaterCheckout, PaylaterErrorEvent, PaylaterReadyEvent, PaylaterRedirectEvent, PaylaterSelectEvent } from '../../src/index.js';
import { accessibility, calls, carts, companion, companionFetch, editCompanionAnswer, orderOf, part, parts, plansShown, radioOf, resetNetwork, root, simulator, textOf, until, useNetwork, worker } from './harness.js';

/** A checkout whose navigation is recorded instead of leaving the test page. */
async function checkout(template = html`<paylater-checkout checkout="cart-1"></paylater-checkout>`) {
  const element = await fixture<PaylaterCheckout>(template);
  const navigations: string[] = [];
  element.navigate = (url) => navigations.push(url);
  return { element, navigations };
}

const chargeCalls = () => calls.filter((c) => c.path === '/paylater/charges').length;
const continueButton = (element: Element) => part<HTMLButtonElement>(element, 'continue')!;
/** The continue button's words as the shopper sees them (its hidden alternative left out). */
const buttonText = (element: Element) => continueButton(element).innerText.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const names = (element: Element) => parts(element, 'provider-name').map(textOf);

describe('<paylater-checkout>', () => {
  useNetwork();

  /** A provider's card, by name. */
  const card = (element: Element, name: string) => parts(element, 'provider').find((c) => textOf(c.querySelector('[part~="provider-name"]')) === name)!;
  /** A provider's option rows, as the shopper reads them (spaces made plain). */
  const rowsOf = (element: Element, name: string) => [...card(element, name).querySelectorAll('[part~="option"]')].map((row) => [...row.children].map((cell) => [...cell.childNodes].filter((n) => n.nodeType !== Node.COMMENT_NODE).map((n) => textOf(n as Element).replace(/\s/g, ' ').trim()).filter(Boolean).join(' | ')));
  const badges = (element: Element) => parts(element, 'provider').flatMap((c) => [...c.querySelectorAll('[part~="badge"]')].map((b) => `${textOf(c.querySelector('[part~="provider-name"]'))}: ${textOf(b)}`));

  it('renders every provider in one comparison, every tenor visible before any click', async () => {
    const ready = oneEvent(document, 'paylater-ready') as Promise<PaylaterReadyEvent>;
    const { element } = await checkout();
    const event = await ready;
    await element.updateComplete;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.currency).to.equal('IDR');
    expect(event.detail.amount).to.equal(1_500_000);
    // Lowest monthly instalment first (the default sort).
    const lowest = (name: string) => {
      const p = event.detail.providers.find((x) => x.name === name)!;
      return p.available ? Math.min(...p.options.map((o) => o.installment_amount)) : Infinity;
    };
    const shown = names(element);
    expect(shown).to.have.members(['Kredivo', 'Akulaku', 'Indodana', 'Atome', 'UangMe']);
    expect(shown.map(lowest)).to.deep.equal([...shown.map(lowest)].sort((a, b) => a - b));
    expect(textOf(part(element, 'amount'))).to.equal('Rp 1,500,000');
    // Nothing chosen, and every available provider's every option is on screen: tenor with its
    // interest a month, each payment, the total with the interest in rupiah.
    expect(parts(element, 'provider-selected')).to.have.length(0);
    for (const p of event.detail.providers) if (p.available) expect(card(element, p.name).querySelectorAll('[part~="option"]').length, p.name).to.equal(p.options.length);
    expect(rowsOf(element, 'Kredivo')).to.deep.equal([
      ['30 days | 0%', 'Rp 1,500,000 | one payment', 'Rp 1,500,000 | no interest'],
      ['3× | 2.6%/mo', 'Rp 539,000 | a month', 'Rp 1,617,000 | Rp 117,000 interest'],
      ['6× | 2.6%/mo', 'Rp 289,000 | a month', 'Rp 1,734,000 | Rp 234,000 interest'],
      ['12× | 2.6%/mo', 'Rp 164,000 | a month', 'Rp 1,968,000 | Rp 468,000 interest'],
    ]);
    // The table has its column headers; "0% instalments" marks Atome (3× at 0%), which is true;
    // "Lowest total" marks nobody: four options tie at Rp 1,500,000.
    expect([...card(element, 'Kredivo').querySelectorAll('thead th')].map(textOf)).to.deep.equal(['Plan', 'Each payment', 'Total to pay']);
    expect(badges(element)).to.deep.equal(['Atome: 0% instalments']);
    expect(parts(element, 'option-cheapest')).to.have.length(0);
    // Where the shopper reads it before continuing: the provider confirms the final plan.
    expect(textOf(part(element, 'estimate'))).to.equal('You choose the final plan on the provider\u2019s page, where it is approved.');
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    expect(textOf(part(element, 'estimate'))).to.contain('Kredivo\u2019s page');
    // A screen reader hears the options' table with the chosen radio.
    const described = root(element).getElementById(radioOf(element, 'Kredivo').getAttribute('aria-describedby')!)!;
    expect(described.contains(card(element, 'Kredivo').querySelector('[part~="option"]'))).to.equal(true);
  });

  it('marks "Lowest total" only on the one strictly cheapest option, whatever the sort; a tie marks nothing', async () => {
    // Rp 3,000,000: Atome has no 30-day plan and Kredivo, Indodana and Akulaku tie at 0% for 30 days.
    carts['cart-1'] = orderOf(3_000_000);
    const { element } = await checkout(html`<paylater-checkout checkout="cart-1" channels="ID_KREDIVO ID_UANGME"></paylater-checkout>`);
    await plansShown(element);
    // Kredivo's 30 days is the one cheapest: marked on its row and its name, in either sort.
    const marked = () => ({ badges: badges(element), rows: parts(element, 'option-cheapest').map((row) => textOf(row.querySelector('th'))) });
    const before = marked();
    expect(before).to.deep.equal({ badges: ['Kredivo: Lowest total'], rows: ['30 days0%'] });
    for (const sort of ['total', 'monthly'] as const) {
      element.sort = sort;
      await element.updateComplete;
      expect(marked(), sort).to.deep.equal(before);
    }
    // In sort by total, the holder of the lowest total is listed first.
    element.sort = 'total';
    await element.updateComplete;
    expect(names(element)[0]).to.equal('Kredivo');
    // A tie for the lowest total: no superlative at all.
    element.channels = 'ID_KREDIVO ID_AKULAKU';
    await plansShown(element);
    expect(badges(element)).to.deep.equal([]);
    expect(parts(element, 'option-cheapest')).to.have.length(0);
  });

  it('compares one tenor across every provider: the chips choose it, a provider without it says so', async () => {
    carts['cart-1'] = orderOf(95_000);
    for (const [locale, all, three, none] of [
      ['en', 'All', '3×', 'No 3× plan'],
      ['id', 'Semua', '3x', 'Tidak ada tenor 3x'],
    ] as const) {
      const { element } = await checkout(html`<paylater-checkout checkout="cart-1" locale=${locale}></paylater-checkout>`);
      await plansShown(element);
      const chips = [...part(element, 'tenors')!.querySelectorAll('label')];
      expect(chips.map(textOf)).to.deep.equal([all, locale === 'en' ? '30 days' : '30 hari', three]);
      expect(await accessibility(element, '[part~="tenors"]')).to.deep.equal([{ role: 'radiogroup', name: locale === 'en' ? 'Plan' : 'Tenor' }]);
      // Each chip's focus ring (3 px, 2 px off) fits inside the row, which scrolls and so cuts what overflows it.
      const row = part(element, 'tenors')!;
      const edge = row.getBoundingClientRect();
      for (const chip of chips) {
        const box = chip.getBoundingClientRect();
        expect(box.top - 5, 'ring top').to.be.at.least(edge.top - 0.5);
        expect(box.bottom + 5, 'ring bottom').to.be.at.most(edge.bottom + 0.5);
      }
      chips[2]!.click();
      await element.updateComplete;
      // Atome's 3× first, the only one; the others say they have none, and stay choosable.
      expect(names(element)[0]).to.equal('Atome');
      expect(rowsOf(element, 'Atome')).to.have.length(1);
      expect(textOf(card(element, 'Kredivo'))).to.contain(none);
      expect(radioOf(element, 'Kredivo').disabled).to.equal(false);
      chips[0]!.click();
      await element.updateComplete;
      expect(rowsOf(element, 'Kredivo')).to.have.length(1);
      element.remove();
    }
  });

  it('never says "a month" of a single payment, and gives interest its unit (en and id)', async () => {
    carts['cart-1'] = orderOf(95_000);
    for (const [locale, once, monthly, rate] of [
      ['en', 'one payment', 'a month', '0%/mo'],
      ['id', 'sekali bayar', 'per bulan', '0%/bln'],
    ] as const) {
      const { element } = await checkout(html`<paylater-checkout checkout="cart-1" locale=${locale}></paylater-checkout>`);
      await plansShown(element);
      // Kredivo takes Rp 95,000 only as one payment in 30 days: said as one, never per month.
      const [kredivo] = rowsOf(element, 'Kredivo');
      expect(rowsOf(element, 'Kredivo')).to.have.length(1);
      expect(kredivo![1]).to.contain(once).and.not.contain(monthly);
      expect(textOf(card(element, 'Kredivo'))).to.not.contain(monthly);
      // Atome splits it in three: each payment a month, its interest a month.
      expect(rowsOf(element, 'Atome')[0]).to.deep.equal([`${locale === 'en' ? '3×' : '3x'} | ${rate}`, `Rp${locale === 'en' ? ' 31,667' : ' 31.667'} | ${monthly}`, `Rp${locale === 'en' ? ' 95,000' : ' 95.000'} | ${locale === 'en' ? 'no interest' : 'tanpa bunga'}`]);
      expect(badges(element)).to.deep.equal([locale === 'en' ? 'Atome: 0% instalments' : 'Atome: Cicilan 0%']);
      element.remove();
    }
  });

  it('[axe] is accessible with plans shown', async () => {
    const { element } = await checkout();
    await plansShown(element);
    await expect(element).to.be.accessible();
  });

  it('shows a skeleton while loading, says so in one live region that stays, and keeps it out of the Tab order', async () => {
    let release!: () => void;
    let held = new Promise<void>((resolve) => (release = resolve));
    worker.use(http.post('/paylater/plans', async ({ request }) => {
      await held;
      return companionFetch(request);
    }));
    const page = await fixture<HTMLElement>(html`<div>
      <button>before</button>
      <paylater-checkout checkout="cart-1"></paylater-checkout>
      <button>after</button>
    </div>`);
    const element = page.querySelector<PaylaterCheckout>('paylater-checkout')!;
    const [before, after] = page.querySelectorAll('button');
    await element.updateComplete;
    const region = root(element).querySelector('[role="status"]')!;
    expect(textOf(region)).to.equal('Loading PayLater options…');
    const skeleton = part(element, 'skeleton')!;
    expect(skeleton.contains(region)).to.equal(false);
    expect(skeleton.querySelector('[aria-hidden="true"]')!.textContent).to.contain('Pay later with');
    await expect(element).to.be.accessible();
    // Tab goes from the button before the widget to the one after it: nothing in the skeleton takes focus.
    before!.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(after);
    release();
    await plansShown(element);
    // The same region, now quiet; loading again says so again (a change in a live region is heard).
    expect(root(element).querySelector('[role="status"]')).to.equal(region);
    expect(textOf(region)).to.equal('');
    held = new Promise<void>((resolve) => (release = resolve));
    element.reload();
    await element.updateComplete;
    expect(root(element).querySelector('[role="status"]')).to.equal(region);
    expect(textOf(region)).to.equal('Loading PayLater options…');
    release();
    await plansShown(element);
  });

  it('gives focus back to the providers when plans load again while the shopper is in the widget', async () => {
    const { element } = await checkout();
    await plansShown(element);
    radioOf(element, 'Kredivo').focus();
    element.reload();
    await until(() => part(element, 'skeleton'), 'the skeleton');
    await plansShown(element);
    await element.updateComplete;
    expect(root(element).activeElement).to.equal(parts(element, 'radio')[0]);
  });

  // What the shopper sees below the widget does not move when the plans arrive: on a first load when
  // the plans have the expected shape (4 options per provider), and on every later load.
  for (const [width, lang, amount] of [
    [375, 'en', 1_500_000],
    [375, 'id', 30_000],
    [1280, 'en', 30_000],
    [1280, 'id', 1_500_000],
  ] as const) {
    it(`reserves the plans' height while loading (${width} px, ${lang}, ${amount === 30_000 ? 'some providers unavailable' : 'all available'})`, async () => {
      document.documentElement.lang = lang;
      carts['cart-1'] = orderOf(amount);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      worker.use(http.post('/paylater/plans', async ({ request }) => {
        await held;
        return companionFetch(request);
      }));
      // Four providers with four tenors each for Rp 1,500,000: the first load's expected shape.
      const page = await fixture<HTMLElement>(html`<div style="width: ${width}px">
        <paylater-checkout checkout="cart-1" channels="ID_KREDIVO ID_AKULAKU ID_INDODANA ID_UANGME ID_ATOME"></paylater-checkout>
        <p>Below the widget</p>
      </div>`);
      const element = page.querySelector<PaylaterCheckout>('paylater-checkout')!;
      element.navigate = () => {};
      await until(() => part(element, 'skeleton'), 'the skeleton');
      const below = page.querySelector('p')!;
      const first = below.getBoundingClientRect().top;
      release();
      await plansShown(element);
      expect(parts(element, 'provider')).to.have.length(5);
      if (amount === 30_000) expect(parts(element, 'provider-unavailable')).to.have.length(1);
      // Rp 1,500,000: Atome has 3 tenors, the others 4; one row less than the skeleton guessed.
      const loading = below.getBoundingClientRect().top;
      if (amount !== 30_000) expect(first - loading).to.be.within(0, 60);
      // Loading again with a provider chosen keeps exactly the same height: the skeleton draws the
      // last answer's shape, and the shopper chooses again from the fresh plans.
      parts<HTMLInputElement>(element, 'radio').find((r) => !r.disabled)!.click();
      await element.updateComplete;
      expect(below.getBoundingClientRect().top).to.equal(loading);
      element.reload();
      await element.updateComplete;
      expect(part(element, 'skeleton')).to.not.equal(null);
      expect(below.getBoundingClientRect().top).to.equal(loading);
      await plansShown(element);
      expect(below.getBoundingClientRect().top).to.equal(loading);
    });
  }

  it('sorts by lowest total on request', async () => {
    const ready = oneEvent(document, 'paylater-ready') as Promise<PaylaterReadyEvent>;
    const { element } = await checkout(html`<paylater-checkout checkout="cart-1" sort="total"></paylater-checkout>`);
    const { providers } = (await ready).detail;
    await element.updateComplete;
    const lowestTotal = (name: string) => {
      const p = providers.find((x) => x.name === name)!;
      return p.available ? Math.min(...p.options.map((o) => o.total_amount)) : Infinity;
    };
    const totals = names(element).map(lowestTotal);
    expect(totals).to.deep.equal([...totals].sort((a, b) => a - b));
    expect(totals[0]).to.be.lessThan(totals.at(-1)!);
    const select = part<HTMLSelectElement>(element, 'sort')!;
    expect(select.value).to.equal('total');
    select.value = 'monthly';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(element.sort).to.equal('monthly');
    expect(names(element)[0]).to.equal('Atome');
  });

  it('keeps unavailable providers visible, greyed, with the reason in words', async () => {
    carts['cart-1'] = orderOf(30_000);
    simulator.injectFault({ route: 'plans', channel: 'ID_AKULAKU', status: 503 });
    const { element } = await checkout();
    await plansShown(element);
    const unavailable = parts(element, 'provider-unavailable');
    expect(unavailable.map(textOf)).to.have.members(['Atome Available from Rp 50,000', 'Akulaku Temporarily unavailable']);
    for (const card of unavailable) expect(card.querySelector('input')!.disabled).to.equal(true);
    // Listed after the available ones.
    expect(names(element).slice(-2)).to.have.members(['Atome', 'Akulaku']);
    await expect(element).to.be.accessible();
  });

  it('names the options and the button for screen readers', async () => {
    carts['cart-1'] = orderOf(30_000);
    const { element } = await checkout();
    await plansShown(element);
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    const radios = await accessibility(element, '[part~="radio"]');
    // Rp 30,000: one payment at every provider, three of them at the same total: no superlative.
    expect(radios).to.deep.include({ role: 'radio', name: 'Kredivo' });
    expect(radios).to.deep.include({ role: 'radio', name: 'UangMe' });
    expect(radios).to.deep.include({ role: 'radio', name: 'Atome, Available from Rp 50,000' });
    // The options are a table with its headers: tenor, each payment, total.
    const table = await accessibility(element, 'table');
    expect(table).to.have.length(4);
    expect(table[0]!.role).to.equal('table');
    expect(await accessibility(element, '[part~="continue"]')).to.deep.equal([{ role: 'button', name: 'Continue with Kredivo' }]);
    expect(await accessibility(element, 'fieldset')).to.deep.equal([{ role: 'group', name: 'Pay later with' }]);
    expect(await accessibility(element, '[part~="sort"]')).to.deep.equal([{ role: 'combobox', name: 'Sort by' }]);
  });

  it('is used with the keyboard alone: arrows choose, Tab leaves the group, Enter continues', async () => {
    const { element, navigations } = await checkout();
    await plansShown(element);
    const before = document.createElement('button');
    before.textContent = 'before';
    element.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(element).activeElement).to.equal(part(element, 'sort'));
    // The tenor choice: one stop (its checked chip, "All"), then the providers.
    await sendKeys({ press: 'Tab' });
    expect(root(element).activeElement).to.equal(part(element, 'tenors')!.querySelector('input:checked'));
    expect(textOf(root(element).activeElement!.closest('label'))).to.equal('All');
    await sendKeys({ press: 'Tab' });
    const radios = parts<HTMLInputElement>(element, 'radio');
    expect(root(element).activeElement).to.equal(radios[0]);
    expect(radios[0]!.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(radios[0]!.closest('[part~="provider"]')!).outlineStyle).to.equal('solid');
    const selected = oneEvent(element, 'paylater-select') as Promise<PaylaterSelectEvent>;
    await sendKeys({ press: 'ArrowDown' });
    expect((await selected).detail.name).to.equal(names(element)[1]);
    expect(radios[1]!.checked).to.equal(true);
    expect(root(element).activeElement).to.equal(radios[1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Space' });
    expect(radios[0]!.checked).to.equal(true);
    await element.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(root(element).activeElement).to.equal(continueButton(element));
    expect(buttonText(element)).to.equal(`Continue with ${names(element)[0]}`);
    const redirect = oneEvent(element, 'paylater-redirect');
    await sendKeys({ press: 'Enter' });
    await redirect;
    expect(navigations).to.have.length(1);
    before.remove();
  });

  it('sends one charge request however often the button is pressed', async () => {
    const { element, navigations } = await checkout();
    await plansShown(element);
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    const button = continueButton(element);
    const redirect = oneEvent(element, 'paylater-redirect');
    button.click();
    button.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    button.click();
    await element.updateComplete;
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(button)).to.equal('Connecting to Kredivo…');
    button.click();
    await redirect;
    button.click();
    await element.updateComplete;
    expect(chargeCalls()).to.equal(1);
    expect(simulator.charges()).to.have.length(1);
    expect(navigations).to.have.length(1);
    expect(textOf(button)).to.equal('Taking you to Kredivo…');
  });

  it('lets the page cancel paylater-redirect: no navigation, the shopper can continue again', async () => {
    const { element, navigations } = await checkout();
    await plansShown(element);
    radioOf(element, 'Akulaku').click();
    await element.updateComplete;
    let seen: PaylaterRedirectEvent | undefined;
    const cancel = (event: PaylaterRedirectEvent) => {
      seen = event;
      event.preventDefault();
    };
    document.addEventListener('paylater-redirect', cancel);
    continueButton(element).click();
    await until(() => seen, 'paylater-redirect');
    document.removeEventListener('paylater-redirect', cancel);
    expect(seen!.cancelable).to.equal(true);
    expect(seen!.detail.channelCode).to.equal('ID_AKULAKU');
    expect(seen!.detail.statusToken).to.match(/^[\w-]{20,}$/);
    expect(seen!.detail.chargeId).to.equal(simulator.charges()[0]!.id);
    await element.updateComplete;
    expect(navigations).to.deep.equal([]);
    expect(buttonText(element)).to.equal('Continue with Akulaku');
    // Continuing again reuses the charge: still one request.
    const redirect = oneEvent(element, 'paylater-redirect');
    continueButton(element).click();
    await redirect;
    expect(navigations).to.deep.equal([seen!.detail.url]);
    expect(chargeCalls()).to.equal(1);
  });

  it('opens the desktop page on a desktop and the deeplink or mobile page on a phone', async () => {
    const urls: Record<string, PaylaterRedirectEvent['detail']> = {};
    const actions: Record<string, { desktop_web_checkout_url: string; mobile_deeplink_checkout_url: string | null }> = {};
    for (const device of ['desktop', 'mobile'] as const) {
      resetNetwork();
      const { element, navigations } = await checkout(html`<paylater-checkout checkout="cart-1" device=${device}></paylater-checkout>`);
      await plansShown(element);
      radioOf(element, 'Kredivo').click();
      await element.updateComplete;
      const redirect = oneEvent(element, 'paylater-redirect') as Promise<PaylaterRedirectEvent>;
      continueButton(element).click();
      urls[device] = (await redirect).detail;
      actions[device] = simulator.charges()[0]!.actions;
      expect(navigations).to.deep.equal([urls[device]!.url]);
    }
    expect(urls.desktop!.kind).to.equal('desktop');
    expect(urls.desktop!.url).to.equal(actions.desktop!.desktop_web_checkout_url);
    // The simulator gives Kredivo an https deeplink (a universal link): used on the phone.
    expect(urls.mobile!.kind).to.equal('deeplink');
    expect(urls.mobile!.url).to.equal(actions.mobile!.mobile_deeplink_checkout_url);
  });

  it('chooses the device from the browser when device is auto (matchMedia can be overridden)', async () => {
    const real = window.matchMedia;
    worker.use(
      editCompanionAnswer('charges', (body) => ({
        ...body,
        checkout_url: { desktop: 'https://pay.example/desktop', mobile: 'https://pay.example/mobile', deeplink: 'kredivo://pay/1' },
      })),
    );
    try {
      for (const [coarse, expected] of [[false, 'https://pay.example/desktop'], [true, 'https://pay.example/mobile']] as const) {
        window.matchMedia = ((query: string) => ({ ...real.call(window, query), matches: coarse && query.includes('coarse') })) as typeof window.matchMedia;
        const { element, navigations } = await checkout();
        await plansShown(element);
        radioOf(element, 'Kredivo').click();
        await element.updateComplete;
        continueButton(element).click();
        await until(() => navigations.length, 'navigation');
        // A custom-scheme deeplink is never followed: only http(s).
        expect(navigations).to.deep.equal([expected]);
      }
    } finally {
      window.matchMedia = real;
    }
  });

  it('refuses a checkout URL that is not http(s)', async () => {
    worker.use(
      editCompanionAnswer('charges', (body) => ({
        ...body,
        checkout_url: { desktop: 'javascript:alert(1)', mobile: 'data:text/html,hi' },
      })),
    );
    const { element, navigations } = await checkout();
    await plansShown(element);
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    const failed = oneEvent(element, 'paylater-error') as Promise<PaylaterErrorEvent>;
    continueButton(element).click();
    expect((await failed).detail.code).to.equal('UNSAFE_URL');
    await element.updateComplete;
    expect(navigations).to.deep.equal([]);
    expect(part(element, 'error')!.getAttribute('role')).to.equal('alert');
  });

  it('shows provider text as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__paylaterPwned = true">';
    worker.use(
      editCompanionAnswer('plans', (body) => {
        body.providers[0].name = `${body.providers[0].name} <b>bold</b>`;
        body.providers[0].options[0].description = hostile;
      }),
    );
    const { element } = await checkout();
    await plansShown(element);
    // Chosen: its name is in the note and the button too.
    parts(element, 'provider').find((card) => textOf(card).includes('<b>bold</b>'))!.querySelector('input')!.click();
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root(element).querySelector('img')).to.equal(null);
    expect([...root(element).querySelectorAll('b')].map(textOf)).to.not.include('bold');
    expect(textOf(root(element))).to.contain('<b>bold</b>');
    expect(textOf(part(element, 'continue'))).to.contain('<b>bold</b>');
    expect((window as { __paylaterPwned?: boolean }).__paylaterPwned).to.equal(undefined);
  });

  it('formats money for the locale: IDR without decimals, PHP with two, in en and id', async () => {
    carts['cart-ph'] = orderOf(4_999.5, 'PHP', 'order-ph');
    const expectations = [
      ['cart-1', 'en', 'Rp 1,500,000', 'Order total'],
      ['cart-1', 'id', 'Rp 1.500.000', 'Total pesanan'],
      ['cart-ph', 'en', '₱4,999.50', 'Order total'],
      ['cart-ph', 'id', '₱4.999,50', 'Total pesanan'],
    ] as const;
    for (const [cart, locale, amount, label] of expectations) {
      const { element } = await checkout(html`<paylater-checkout checkout=${cart} locale=${locale}></paylater-checkout>`);
      await plansShown(element);
      expect(textOf(part(element, 'summary')), `${cart} ${locale}`).to.contain(`${label} ${amount}`);
    }
    const { element } = await checkout(html`<paylater-checkout checkout="cart-ph" locale="id"></paylater-checkout>`);
    await plansShown(element);
    const billease = parts(element, 'provider').find((card) => textOf(card).startsWith('BillEase'))!;
    // Its 12x row: a down payment, interest a month and in pesos, with two decimals in Indonesian notation.
    const twelve = [...billease.querySelectorAll('[part~="option"]')].map(textOf).find((row) => row.startsWith('12x'))!;
    expect(twelve.replace(/\s/g, ' ')).to.contain('3,49%/bln').and.contain('₱472,89').and.contain('per bulan').and.contain('DP ₱999,90');
  });

  it("takes the language from the page's lang when no locale is set, falling back from id-ID to id", async () => {
    document.documentElement.lang = 'id-ID';
    const { element } = await checkout();
    await plansShown(element);
    expect(textOf(part(element, 'legend'))).to.equal('Bayar nanti dengan');
    expect(buttonText(element)).to.equal('Pilih penyedia');
    // Pressed with nothing chosen: the browser's bubble says it in the element's language too, not the browser's.
    const first = part<HTMLInputElement>(element, 'radio')!;
    expect(first.validationMessage).to.equal('Pilih penyedia');
    expect(first.form!.checkValidity()).to.equal(false);
    first.click();
    await element.updateComplete;
    expect(first.validationMessage).to.equal('');
    expect(first.form!.checkValidity()).to.equal(true);
    document.documentElement.lang = 'ko';
    // The nearest lang counts; neither French nor the browser's language (en-US here) has a table: English.
    const french = document.createElement('div');
    french.lang = 'fr';
    document.body.append(french);
    const inner = await fixture<PaylaterCheckout>(html`<paylater-checkout checkout="cart-1"></paylater-checkout>`, { parentNode: french });
    await plansShown(inner);
    expect(textOf(part(inner, 'legend'))).to.equal('Pay later with');
  });

  it('speaks Thai and Filipino once their CDN files are loaded (classic scripts, before or after the elements)', async () => {
    for (const lang of ['th', 'fil', 'vi', 'ms']) {
      const script = document.createElement('script');
      script.src = `/dist/cdn/locales/${lang}.js`;
      const loaded = new Promise((resolve, reject) => {
        script.addEventListener('load', resolve);
        script.addEventListener('error', reject);
      });
      document.head.append(script);
      await loaded;
    }
    const table = (globalThis as unknown as { paylaterLocales: Record<string, Record<string, string>> }).paylaterLocales;
    // From the attribute.
    const thai = await fixture<PaylaterCheckout>(html`<paylater-checkout checkout="cart-1" locale="th-TH"></paylater-checkout>`);
    await plansShown(thai);
    expect(textOf(part(thai, 'legend'))).to.equal(table.th!.legend);
    expect(buttonText(thai)).to.equal(table.th!.choose);
    radioOf(thai, 'Kredivo').click();
    await thai.updateComplete;
    expect(buttonText(thai)).to.equal(table.th!.continueWith!.replace('{provider}', 'Kredivo'));
    await expect(thai).to.be.accessible();
    // From the page's lang, with the PHP order's money as Intl writes it in Filipino.
    document.documentElement.lang = 'fil-PH';
    carts['cart-ph'] = orderOf(4_999.5, 'PHP', 'order-ph');
    const { element } = await checkout(html`<paylater-checkout checkout="cart-ph"></paylater-checkout>`);
    await plansShown(element);
    expect(textOf(part(element, 'legend'))).to.equal(table.fil!.legend);
    expect(textOf(part(element, 'amount'))).to.equal('₱4,999.50');
    expect(textOf(part(element, 'summary'))).to.contain(table.fil!.orderTotal);
  });

  it('fits a 320 px phone in every language, a provider chosen, without widening the page', async () => {
    for (const lang of ['en', 'id', 'th', 'vi', 'fil', 'ms']) {
      // The languages' files were loaded by the test above; load them again when this one runs alone.
      if (!['en', 'id'].includes(lang) && !(globalThis as { paylaterLocales?: Record<string, unknown> }).paylaterLocales?.[lang]) {
        await import(`../../src/widget/locales/${lang}.ts`);
      }
      for (const cart of ['cart-1', 'cart-ph']) {
        carts['cart-ph'] = orderOf(4_999.5, 'PHP', 'order-ph');
        const page = await fixture<HTMLElement>(html`<div style="width: 320px; font: 16px system-ui, sans-serif"><paylater-checkout checkout=${cart} locale=${lang}></paylater-checkout></div>`);
        const element = page.firstElementChild as PaylaterCheckout;
        element.navigate = () => {};
        await plansShown(element);
        // A provider chosen: the widest the widget gets.
        parts<HTMLInputElement>(element, 'radio').find((radio) => !radio.disabled)!.click();
        await element.updateComplete;
        const right = page.getBoundingClientRect().right;
        // The tenor chips scroll sideways inside their own row (a phone's usual chip bar); nothing else may stick out.
        const wide = [...root(element).querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > right + 0.5 && !node.closest('.sr-only, [part~="tenors"]'));
        expect(wide.map((node) => `${node.localName}.${node.className} ${textOf(node).slice(0, 30)}`), `${lang} ${cart}`).to.deep.equal([]);
        expect(part(element, 'tenors')!.getBoundingClientRect().right, `${lang} ${cart}`).to.be.at.most(right);
        // Every option table fits its card: no scrolling inside a card either.
        for (const table of root(element).querySelectorAll('table')) expect(table.getBoundingClientRect().width, `${lang} ${cart}`).to.be.at.most(table.parentElement!.getBoundingClientRect().width + 0.5);
        expect(element.getBoundingClientRect().width, `${lang} ${cart}`).to.equal(320);
      }
    }
  });

  it('shows a companion 5xx in words with a retry that works, and moves focus well', async () => {
    worker.use(http.post('/paylater/plans', () => HttpResponse.json({ error: { code: 'INTERNAL', message: 'boom', request_id: 'req-123' } }, { status: 500 })));
    const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
    const { element } = await checkout();
    const failed = await errored;
    expect(failed.detail).to.include({ code: 'INTERNAL', status: 500, stage: 'plans', requestId: 'req-123' });
    await element.updateComplete;
    const error = part(element, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('The payment service is busy').and.contain('Reference: req-123');
    await expect(element).to.be.accessible();
    worker.resetHandlers();
    part<HTMLButtonElement>(element, 'retry')!.click();
    await plansShown(element);
    await element.updateComplete;
    expect(root(element).activeElement).to.equal(parts(element, 'radio')[0]);
  });

  it('handles a network failure, and a retry that fails again keeps focus on the retry', async () => {
    let attempts = 0;
    worker.use(
      http.post('/paylater/plans', () => {
        attempts += 1;
        return HttpResponse.error();
      }),
    );
    const { element } = await checkout();
    await until(() => part(element, 'error'), 'the error');
    expect(textOf(part(element, 'error'))).to.contain('Could not reach the payment service');
    part<HTMLButtonElement>(element, 'retry')!.click();
    await until(() => attempts === 2 && part(element, 'error'), 'the error again');
    await element.updateComplete;
    expect(root(element).activeElement).to.equal(part(element, 'retry'));
  });

  it('treats an answer that breaks the contract as its own error code, in plain words for the shopper', async () => {
    worker.use(http.post('/paylater/plans', () => HttpResponse.json({ quote: 42, providers: 'no' })));
    const errored = oneEvent(document, 'paylater-error') as Promise<PaylaterErrorEvent>;
    const { element } = await checkout();
    const failed = await errored;
    expect(failed.detail.code).to.equal('INVALID_RESPONSE');
    await element.updateComplete;
    expect(textOf(part(element, 'error'))).to.contain('Something went wrong. Please try again.');
  });

  it('says when the checkout is unknown', async () => {
    const { element } = await checkout(html`<paylater-checkout checkout="no-such-cart" locale="id"></paylater-checkout>`);
    await until(() => part(element, 'error'), 'the error');
    expect(textOf(part(element, 'error'))).to.contain('Checkout ini tidak ditemukan');
  });

  it('shows a charge failure with the provider still chosen, focus on the button, and continues on retry', async () => {
    const fault = simulator.injectFault({ route: 'charges', status: 500 });
    const { element, navigations } = await checkout();
    await plansShown(element);
    radioOf(element, 'Indodana').click();
    await element.updateComplete;
    continueButton(element).focus();
    const failed = oneEvent(element, 'paylater-error') as Promise<PaylaterErrorEvent>;
    continueButton(element).click();
    expect((await failed).detail).to.include({ code: 'UPSTREAM_ERROR', stage: 'charge' });
    await element.updateComplete;
    expect(textOf(part(element, 'error'))).to.contain('The payment service is busy');
    expect(root(element).activeElement).to.equal(continueButton(element));
    expect(radioOf(element, 'Indodana').checked).to.equal(true);
    await expect(element).to.be.accessible();
    fault.remove();
    continueButton(element).click();
    await until(() => navigations.length, 'navigation');
    expect(part(element, 'error')).to.equal(null);
  });

  it('fetches fresh plans when the cart changed between plans and charge, and says so', async () => {
    const { element, navigations } = await checkout();
    await plansShown(element);
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    carts['cart-1'] = orderOf(1_800_000);
    const failed = oneEvent(element, 'paylater-error') as Promise<PaylaterErrorEvent>;
    continueButton(element).click();
    expect((await failed).detail.code).to.equal('CHECKOUT_CHANGED');
    await until(() => part(element, 'notice'), 'the notice');
    await element.updateComplete;
    const notice = part(element, 'notice')!;
    expect(textOf(notice)).to.equal('Your order changed, so the amounts were updated. Please choose again.');
    expect(root(element).activeElement).to.equal(notice);
    expect(textOf(part(element, 'amount'))).to.equal('Rp 1,800,000');
    expect(radioOf(element, 'Kredivo').checked).to.equal(false);
    expect(navigations).to.deep.equal([]);
    await expect(element).to.be.accessible();
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    continueButton(element).click();
    await until(() => navigations.length, 'navigation');
    expect(simulator.charges()).to.have.length(1);
    expect(simulator.charges()[0]!.amount).to.equal(1_800_000);
  });

  it('says an order is paid, with the page\u2019s link to it and no plans or Continue; also when it was paid while the plans were open', async () => {
    const { element, navigations } = await checkout(html`<paylater-checkout checkout="cart-1" locale="id"><a slot="paid" href="/orders/2001">Lihat pesanan</a></paylater-checkout>`);
    await plansShown(element);
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    continueButton(element).click();
    await until(() => navigations.length, 'navigation');
    // Paid in another tab while this page still shows the plans.
    simulator.approveCharge(simulator.charges()[0]!.id);
    await until(async () => (await companion.getRecord(simulator.charges()[0]!.id))?.status === 'SUCCEEDED', 'the callback');
    element.reload();
    await until(() => part(element, 'error'), 'the paid state');
    await element.updateComplete;
    expect(textOf(part(element, 'error'))).to.contain('Pesanan ini sudah dibayar');
    const slot = root(element).querySelector<HTMLSlotElement>('slot[name=paid]')!;
    expect(slot.assignedElements().map((a) => a.textContent)).to.deep.equal(['Lihat pesanan']);
    expect(parts(element, 'provider')).to.have.length(0);
    expect(part(element, 'continue')).to.equal(null);
    expect(part(element, 'retry')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('a charge refused because the order was paid meanwhile turns the widget into the paid state', async () => {
    const { element, navigations } = await checkout();
    await plansShown(element);
    worker.use(http.post('/paylater/charges', () => HttpResponse.json({ error: { code: 'ALREADY_PAID', message: 'This order is already paid.' } }, { status: 409 })));
    worker.use(http.post('/paylater/plans', () => HttpResponse.json({ error: { code: 'ALREADY_PAID', message: 'This order is already paid.' } }, { status: 409 })));
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    continueButton(element).click();
    await until(() => part(element, 'error') && !parts(element, 'provider').length, 'the paid state');
    expect(textOf(part(element, 'error'))).to.contain('This order is already paid.');
    expect(navigations).to.deep.equal([]);
  });

  it('says CONFLICT in its own words (the payment is still being prepared), not "busy"', async () => {
    const { element } = await checkout(html`<paylater-checkout checkout="cart-1" locale="id"></paylater-checkout>`);
    await plansShown(element);
    worker.use(http.post('/paylater/charges', () => HttpResponse.json({ error: { code: 'CONFLICT', message: 'busy' } }, { status: 503, headers: { 'retry-after': '2' } })));
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    continueButton(element).click();
    await until(() => part(element, 'error'), 'the error');
    expect(textOf(part(element, 'error'))).to.contain('Pembayaran Anda masih disiapkan').and.not.contain('sibuk');
  });

  it('takes channels as a property in a string, as React 19 sets it, the same as the attribute', async () => {
    const element = document.createElement('paylater-checkout') as PaylaterCheckout;
    element.checkout = 'cart-1';
    element.channels = 'ID_KREDIVO, ID_AKULAKU';
    document.body.append(element);
    try {
      await plansShown(element);
      expect(names(element)).to.have.members(['Kredivo', 'Akulaku']);
      expect(part(element, 'error')).to.equal(null);
    } finally {
      element.remove();
    }
  });

  it('fetches again when checkout changes, dropping the stale answer', async () => {
    carts['cart-2'] = orderOf(30_000, 'IDR', 'order-2');
    const seen: string[] = [];
    worker.use(
      http.post('/paylater/plans', async ({ request }) => {
        const { checkout } = (await request.clone().json()) as { checkout: string };
        seen.push(checkout);
        if (checkout === 'cart-1') await delay(300);
        return companionFetch(request);
      }),
    );
    const { element } = await checkout();
    await until(() => seen.length === 1, 'the first request');
    element.checkout = 'cart-2';
    await plansShown(element);
    expect(textOf(part(element, 'amount'))).to.equal('Rp 30,000');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(textOf(part(element, 'amount'))).to.equal('Rp 30,000');
    expect(seen).to.deep.equal(['cart-1', 'cart-2']);
  });

  it('says when no provider can take the order, and when there are none at all', async () => {
    const { element } = await checkout(html`<paylater-checkout checkout="cart-1" channels="PH_BILLEASE PH_CASHALO"></paylater-checkout>`);
    await plansShown(element);
    expect(textOf(part(element, 'empty'))).to.equal('No PayLater provider can take this order right now.');
    expect(parts(element, 'provider-unavailable').map(textOf)).to.deep.equal(['BillEase Not available for IDR', 'Cashalo Not available for IDR']);
    expect(continueButton(element)).to.equal(null);
    await expect(element).to.be.accessible();
    const none = await checkout(html`<paylater-checkout checkout="cart-1" channels="XX_NOBODY"></paylater-checkout>`);
    await until(() => part(none.element, 'empty'), 'the empty state');
    expect(textOf(part(none.element, 'empty'))).to.equal('PayLater is not available for this order.');
    await expect(none.element).to.be.accessible();
  });

  it('never lets the shopper continue with a provider that came back without plans', async () => {
    let empty = false;
    worker.use(
      editCompanionAnswer('plans', (body) => {
        if (empty) body.providers.find((p: any) => p.name === 'Kredivo').options = [];
      }),
    );
    const { element } = await checkout();
    await plansShown(element);
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    expect(buttonText(element)).to.equal('Continue with Kredivo');
    empty = true;
    element.reload();
    await until(() => part(element, 'skeleton'), 'the skeleton');
    await plansShown(element);
    const kredivo = parts(element, 'provider-unavailable').find((card) => textOf(card).startsWith('Kredivo'))!;
    expect(textOf(kredivo)).to.equal('Kredivo No plans for this order');
    expect(radioOf(element, 'Kredivo').disabled).to.equal(true);
    // The button asks for a choice; pressed, it starts nothing (the radios are required).
    expect(buttonText(element)).to.equal('Choose a provider');
    const charges = chargeCalls();
    continueButton(element).click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chargeCalls()).to.equal(charges);
    expect(root(element).querySelector('form')!.checkValidity()).to.equal(false);
  });

  it('keeps the choice when the same channels are set again (a framework re-rendering the page)', async () => {
    const { element } = await checkout(html`<paylater-checkout checkout="cart-1" channels="ID_KREDIVO ID_AKULAKU"></paylater-checkout>`);
    await plansShown(element);
    radioOf(element, 'Akulaku').click();
    await element.updateComplete;
    const requests = calls.length;
    element.channels = ['ID_KREDIVO', 'ID_AKULAKU'];
    element.setAttribute('channels', 'ID_KREDIVO, ID_AKULAKU');
    await element.updateComplete;
    expect(radioOf(element, 'Akulaku').checked).to.equal(true);
    expect(buttonText(element)).to.equal('Continue with Akulaku');
    expect(calls.length).to.equal(requests);
    // Other channels are a change: fresh plans, nothing chosen.
    element.channels = ['ID_KREDIVO'];
    await until(() => calls.length > requests, 'the new plans request');
    await until(() => names(element).length === 1, 'one provider');
    expect(buttonText(element)).to.equal('Choose a provider');
  });

  it('keeps the note and the continue button on screen on a phone, a provider chosen anywhere in the list', async () => {
    await setViewport({ width: 375, height: 667 });
    try {
      for (const locale of ['id', 'en']) {
        const { element } = await checkout(html`<paylater-checkout checkout="cart-1" locale=${locale}></paylater-checkout>`);
        await plansShown(element);
        // The plans are taller than the screen: the last provider is far below it.
        expect(element.getBoundingClientRect().height).to.be.greaterThan(innerHeight * 1.5);
        for (const radio of [parts<HTMLInputElement>(element, 'radio')[0]!, parts<HTMLInputElement>(element, 'radio').at(-1)!]) {
          radio.scrollIntoView({ block: 'center' });
          radio.click();
          await element.updateComplete;
          const button = continueButton(element).getBoundingClientRect();
          const note = part(element, 'estimate')!.getBoundingClientRect();
          expect(button.bottom, locale).to.be.at.most(innerHeight);
          expect(button.top, locale).to.be.at.least(0);
          expect(note.top, locale).to.be.at.least(0);
          expect(button.height).to.be.at.least(44);
          expect(buttonText(element)).to.contain(radio.getAttribute('aria-label')!.split(',')[0]!);
          // The bar covers no part of the chosen provider's name.
          expect(radio.closest('[part~="provider"]')!.querySelector('[part~="provider-name"]')!.getBoundingClientRect().bottom).to.be.at.most(note.top);
        }
        element.remove();
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('keeps the chosen provider in sight when the open one above it closes (no scroll anchoring, as in Safari)', async () => {
    const page = await fixture<HTMLElement>(html`<div style="height: 420px; overflow: auto; overflow-anchor: none; width: 375px">
      <paylater-checkout checkout="cart-1"></paylater-checkout>
      <div style="height: 1000px">The rest of the page</div>
    </div>`);
    const element = page.firstElementChild as PaylaterCheckout;
    element.navigate = () => {};
    await plansShown(element);
    const radios = parts<HTMLInputElement>(element, 'radio');
    radios[0]!.click();
    await element.updateComplete;
    // Scrolled down to the last provider, below the first one's open options.
    const last = radios.at(-1)!.closest<HTMLElement>('[part~="provider"]')!;
    page.scrollTop = last.getBoundingClientRect().top - page.getBoundingClientRect().top + page.scrollTop - 100;
    radios.at(-1)!.click();
    await element.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // Its name line (the top 40 px of the card) is within the scrolled box.
    const box = page.getBoundingClientRect();
    const card = last.getBoundingClientRect();
    expect(card.top, 'top of the chosen card').to.be.at.least(box.top - 8);
    expect(card.top + 40, 'the chosen card in the visible part').to.be.at.most(box.bottom);
  });

  it('renders a message, not a blank, without a checkout', async () => {
    const { element } = await checkout(html`<paylater-checkout></paylater-checkout>`);
    await element.updateComplete;
    expect(textOf(part(element, 'empty'))).to.equal('PayLater is not available for this order.');
    expect(calls).to.deep.equal([]);
  });

  it('can be defined again without error and is typed in HTMLElementTagNameMap', async () => {
    await import('../../src/widget/entries/define.js');
    const element: PaylaterCheckout = document.createElement('paylater-checkout');
    expect(element.endpoint).to.equal('/paylater');
    expect(customElements.get('paylater-status')).to.not.equal(undefined);
  });
});
