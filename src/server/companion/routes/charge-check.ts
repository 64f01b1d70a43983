/** Xendit's answer to a new charge, checked before the shopper is sent anywhere: the order's amount and currency, https pages on known hosts. */
import type { Charge } from '../../../xendit/schemas.js';
import type { TrustedOrder } from '../order.js';

/** Why Xendit's charge answer cannot go to the shopper, or null when it can. */
export function chargeProblem(charge: Charge, order: TrustedOrder, hosts: readonly string[], apiHost: string): string | null {
  if (charge.amount !== order.amount || charge.currency !== order.currency) return 'amount or currency differs from the order';
  const urls = [charge.actions?.desktop_web_checkout_url, charge.actions?.mobile_web_checkout_url, charge.actions?.mobile_deeplink_checkout_url];
  if (!urls[0] && !urls[1]) return 'no checkout page';
  for (const [i, value] of urls.entries()) {
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'a checkout URL is not a URL';
    }
    // The deeplink opens the provider's app: its scheme is the app's own; only web pages are checked for https.
    if (i === 2 && url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'javascript:' && url.protocol !== 'data:') continue;
    const host = url.host.toLowerCase();
    const known = url.protocol === 'https:' && hosts.some((h) => host === h || host.endsWith(`.${h}`));
    // The simulator's own page, on the API host the companion was pointed at (plain http on loopback
    // in tests); never plain http on Xendit's own host.
    const simulator = host === apiHost && (url.protocol === 'https:' || (url.protocol === 'http:' && apiHost !== 'xendit.co' && !apiHost.endsWith('.xendit.co')));
    if (!known && !simulator) return 'a checkout URL is not https on a known provider host';
  }
  return null;
}
