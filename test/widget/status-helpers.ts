/**
 * What the `<paylater-status>` tests share: charges made the way the shopper makes them (through the
 * real companion), the element with fast polling, and the status events and calls seen.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { PaylaterStatus, PaylaterStatusChangeEvent } from '../../src/index.js';
import { calls, companionFetch, part, textOf } from './harness.js';

const post = async (path: string, body: unknown) =>
  (await fetch(`/paylater/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

/** A charge made the way the widget makes it (plans, then charge), through the real companion. */
export async function makeCharge(channel = 'ID_KREDIVO') {
  const plans = await post('plans', { checkout: 'cart-1' });
  const provider = plans.providers.find((p: { channel_code: string }) => p.channel_code === channel);
  return (await post('charges', { quote: plans.quote, plan_id: provider.plan_id })) as { charge_id: string; status_token: string };
}

/** A bill paid the way the shopper pays it: inquiry, plans for its checkout handle, then a charge. */
export async function billCharge(productId: string, customerNumber: string, channel = 'ID_KREDIVO') {
  const inquiry = await post('bills/inquiry', { product_id: productId, customer_number: customerNumber });
  if (!inquiry.checkout) throw new Error(`inquiry failed: ${JSON.stringify(inquiry)}`);
  const plans = await post('plans', { checkout: inquiry.checkout });
  const provider = plans.providers.find((p: { channel_code: string }) => p.channel_code === channel);
  const charge = (await post('charges', { quote: plans.quote, plan_id: provider.plan_id })) as { charge_id: string; status_token: string };
  return { ...charge, inquiry: inquiry as { total_amount: number } };
}

export const statusCalls = () => calls.filter((c) => c.path === '/paylater/status').length;

export function statusFixture(token: string, locale = 'en') {
  return fixture<PaylaterStatus>(
    html`<paylater-status token=${token} locale=${locale} poll-interval="20" max-poll-interval="60"></paylater-status>`,
  );
}

/** What the default route answers (the real companion), for a per-test route that records and forwards. */
export function companionStatus(request: Request) {
  return companionFetch(request);
}

/** The `paylater-status-change` events from now on. */
export function recordChanges() {
  const changes: PaylaterStatusChangeEvent[] = [];
  const record = (event: PaylaterStatusChangeEvent) => changes.push(event);
  document.addEventListener('paylater-status-change', record);
  return { changes, stop: () => document.removeEventListener('paylater-status-change', record) };
}

export const message = (element: Element) => textOf(part(element, 'message'));

/** The widths the return page is read at on a phone. */
export const PHONE_WIDTHS = [375, 320] as const;

/** `<paylater-status>` with a way back (`retry-href`) and the merchant's own `failed` slot. */
export function statusWithWayBack(token: string, locale: string, retryHref = '/checkout?cart=cart-1') {
  return fixture<PaylaterStatus>(
    html`<paylater-status token=${token} locale=${locale} retry-href=${retryHref} poll-interval="20" max-poll-interval="60">
      <a slot="failed" href="/cart">Back to your cart</a>
    </paylater-status>`,
  );
}

/** Everything the shopper can read in the element's shadow root (what a raw code would show up in). */
export const shadowText = (element: Element) => textOf(element.shadowRoot);

/** A code such as TRANSACTION_FAILED or USER_DECLINED_PAYMENT: the shopper never reads one. */
export const RAW_CODE = /[A-Z]{3,}_[A-Z_]+/;

/**
 * The way back: a link to `href` (resolved against the page) with `name`, a 44 px tap target that
 * stays inside the element at the current width.
 */
export function expectWayBack(element: Element, name: string, href: string): HTMLAnchorElement {
  const link = part<HTMLAnchorElement>(element, 'retry-link');
  expect(link, 'the retry-link').to.not.equal(null);
  expect(textOf(link)).to.equal(name);
  expect(link!.href).to.equal(new URL(href, document.baseURI).href);
  const box = link!.getBoundingClientRect();
  const host = element.getBoundingClientRect();
  expect(box.height, 'tap target height').to.be.at.least(44);
  expect(box.left, 'inside the element on the left').to.be.at.least(host.left);
  expect(box.right, 'inside the element on the right').to.be.at.most(host.right + 0.5);
  return link!;
}
