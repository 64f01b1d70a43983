/**
 * What the `<paylater-status>` tests share: charges made the way the shopper makes them (through the
 * real companion), the element with fast polling, and the status events and calls seen.
 */
import { fixture, html } from '@open-wc/testing';
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
