import './lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { PaylaterCheckout } from '../../src/index.js';
import { calls, companion, part, parts, plansShown, radioOf, root, textOf, useNetwork } from './harness.js';

const plansCalls = () => calls.filter((c) => c.path === '/paylater/plans').length;
const request = () => new Request(`${location.origin}/checkout`, { headers: { origin: location.origin } });

describe('<paylater-checkout> in the page\u2019s own form', () => {
  useNetwork();

  async function field(attributes = html`<paylater-checkout name="paylater" required checkout="cart-1" locale="id"></paylater-checkout>`) {
    const form = await fixture<HTMLFormElement>(html`<form>${attributes}<button>Pesan</button></form>`);
    const element = form.querySelector('paylater-checkout') as PaylaterCheckout;
    await plansShown(element);
    let submitted = 0;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted++;
    });
    return { form, element, submitted: () => submitted };
  }

  it('blocks an empty required submit, says why in the page\u2019s language, and draws no button of its own', async () => {
    const { form, element, submitted } = await field();
    expect(part(element, 'continue')).to.equal(null);
    expect(form.checkValidity()).to.equal(false);
    expect(element.validity.valueMissing).to.equal(true);
    expect(element.validationMessage).to.equal('Pilih penyedia');
    form.requestSubmit();
    expect(submitted()).to.equal(0);
    expect([...new FormData(form).keys()]).to.deep.equal([]);
  });

  it('submits the chosen provider, its plan and the signed quote, which the companion turns into the charge', async () => {
    const { form, element, submitted } = await field();
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const data = new FormData(form);
    expect(data.get('paylater')).to.equal('ID_KREDIVO');
    expect(data.get('paylater-plan')).to.equal(radioOf(element, 'Kredivo').value);
    expect(String(data.get('paylater-quote'))).to.match(/^v1\.[\w-]+\.[\w-]+$/);
    form.requestSubmit();
    expect(submitted()).to.equal(1);
    // What the merchant's server does with the submitted fields.
    const charge = await companion.createCharge(request(), { quote: String(data.get('paylater-quote')), plan_id: String(data.get('paylater-plan')) });
    expect(charge.status).to.equal('PENDING');
    expect(charge.checkout_url.desktop).to.match(/^https?:\/\//);
  });

  it('follows the form: reset clears the choice, a disabled fieldset disables the radios', async () => {
    const { form, element } = await field(html`<fieldset><paylater-checkout name="paylater" checkout="cart-1"></paylater-checkout></fieldset>`);
    radioOf(element, 'Akulaku').click();
    await element.updateComplete;
    expect(new FormData(form).get('paylater')).to.equal('ID_AKULAKU');
    form.reset();
    await element.updateComplete;
    expect(new FormData(form).get('paylater')).to.equal(null);
    expect(parts(element, 'provider-selected')).to.have.length(0);
    // Not required: an empty choice may be sent.
    expect(form.checkValidity()).to.equal(true);
    form.querySelector('fieldset')!.disabled = true;
    await element.updateComplete;
    expect(parts<HTMLInputElement>(element, 'radio').every((radio) => radio.matches(':disabled'))).to.equal(true);
  });
});

describe('<paylater-checkout> restored by the browser', () => {
  useNetwork();

  it('takes back the choice the browser restores (back button, session restore), once the plans are there', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><paylater-checkout name="paylater" checkout="cart-1"></paylater-checkout></form>`);
    const element = form.querySelector('paylater-checkout') as PaylaterCheckout;
    // Restored before the plans arrived: kept until they do.
    element.formStateRestoreCallback('ID_AKULAKU');
    await plansShown(element);
    await element.updateComplete;
    expect(new FormData(form).get('paylater')).to.equal('ID_AKULAKU');
    // A provider no longer offered is not chosen.
    element.formStateRestoreCallback('ID_NOT_OFFERED');
    await element.updateComplete;
    expect(new FormData(form).get('paylater')).to.equal('ID_AKULAKU');
  });
});

describe('<paylater-checkout> rendered by the companion', () => {
  useNetwork();

  it('takes the server\u2019s plans without asking again, and draws exactly what the server drew', async () => {
    // With a provider of another currency: its reason is one of the rarely shown texts, which the
    // element draws at once from the server's data (no file fetched, nothing changes).
    const rendered = await companion.renderCheckout(request(), 'cart-1', { locale: 'id', channels: ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'PH_BILLEASE'] });
    expect(rendered.error).to.equal(undefined);
    const before = plansCalls();
    // The server's drawing as the browser paints it before the element runs (a tag that is never
    // defined keeps it), beside the element that took it over.
    const host = await fixture<HTMLDivElement>(html`<div style="display: grid; grid-template-columns: 360px 360px; gap: 20px"></div>`);
    host.setHTMLUnsafe(rendered.html.replaceAll('paylater-checkout', 'server-drawing') + rendered.html);
    const drawing = host.querySelector('server-drawing')!;
    const element = host.querySelector('paylater-checkout') as PaylaterCheckout;
    await element.updateComplete;
    expect(plansCalls()).to.equal(before);
    expect(drawing.shadowRoot, 'a declarative shadow root').to.not.equal(null);
    const look = (root: ShadowRoot) =>
      [...root.querySelectorAll('[part~=provider], [part~=summary], [part~=tenors], [part~=actions]')].map((node) => {
        const box = node.getBoundingClientRect();
        return `${textOf(node)} @${Math.round(box.top - root.host.getBoundingClientRect().top)}+${Math.round(box.height)}`;
      });
    const server = look(drawing.shadowRoot!);
    expect(server.length).to.be.greaterThan(5);
    expect(server.join('\n')).to.contain('Kredivo').and.contain('Rp').and.contain('Tidak tersedia untuk IDR');
    expect(look(root(element))).to.deep.equal(server);
    // And it is the element's working form: choosing and going on makes the charge.
    radioOf(element, 'Kredivo').click();
    await element.updateComplete;
    expect(textOf(part(element, 'continue'))).to.equal('Lanjut dengan Kredivo');
  });
});
