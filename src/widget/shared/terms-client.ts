/**
 * The providers' terms for a currency (`GET {base}/terms`), fetched once per page: every
 * `<paylater-message>` with the same endpoint and currency shares one request (a product grid of 48
 * makes one), and a price change asks nothing new.
 */
import { parseTermsResponse, type TermsResponseBody } from '../../contract/terms.js';
import { call, join } from './client.js';

const pending = new Map<string, Promise<TermsResponseBody>>();

/** The terms, from the one request of this page for them; a failed request is asked again next time. */
export function fetchTerms(endpoint: string, currency: string): Promise<TermsResponseBody> {
  const url = `${join(endpoint, 'terms')}?currency=${encodeURIComponent(currency)}`;
  let terms = pending.get(url);
  if (!terms) {
    terms = call(url, {}, parseTermsResponse);
    pending.set(url, terms);
    terms.catch(() => pending.delete(url));
  }
  return terms;
}

/** Forgets the terms this page has, so that the next message asks again (a long-lived page after the shop changed its offer; tests). */
export function forgetTerms(): void {
  pending.clear();
}
