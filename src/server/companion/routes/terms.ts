/**
 * `GET {base}/terms?currency=IDR`: the enabled providers' terms for one currency (see
 * `contract/terms.ts`), for messages such as "from Rp 58.167 a month" on product pages. Public and
 * cacheable: one request serves every message on a page, browsers and CDNs keep it a while, and an
 * `If-None-Match` with the current ETag gets 304. It holds no customer data, plan id or secret.
 */
import { CompanionError } from '../../errors.js';
import { sha256Hex } from '../../crypto.js';
import type { TermsEngine } from '../terms/engine.js';
import type { Route } from '../plugin.js';

/** How long browsers and shared caches may use an answer, then use it while they fetch it again (seconds). */
export const TERMS_MAX_AGE_S = 300;
export const TERMS_STALE_WHILE_REVALIDATE_S = 3_600;
/** An answer that lacks a provider (its terms could not be read yet) is kept only briefly. */
const INCOMPLETE_MAX_AGE_S = 30;

const invalid = (message: string) => new CompanionError(400, 'INVALID_REQUEST', message);

/** True when `If-None-Match` names `etag` (weak comparison, as RFC 9110 says for this header), or is `*`. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export function termsRoute({ terms }: { terms: TermsEngine }): Route {
  async function handler(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const offered = terms.currencies();
    const named = offered.join(' or ');
    if ([...params.keys()].some((name) => name !== 'currency')) throw invalid('Only the `currency` query parameter may be given.');
    const given = params.getAll('currency');
    if (given.length > 1) throw invalid('Give `currency` once.');
    const currency = given[0] ?? (offered.length === 1 ? offered[0]! : undefined);
    if (currency === undefined) throw invalid(`Name the currency: ?currency=${named}.`);
    if (!/^[A-Z]{3}$/.test(currency)) throw invalid('`currency` must be a three-letter code in capitals, such as IDR.');
    if (!offered.includes(currency)) throw invalid(`No provider is offered in this currency (offered: ${named}).`);

    const { body, complete } = await terms.terms(currency);
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      etag: `"${(await sha256Hex(text)).slice(0, 32)}"`,
      'cache-control': complete ? `public, max-age=${TERMS_MAX_AGE_S}, stale-while-revalidate=${TERMS_STALE_WHILE_REVALIDATE_S}` : `public, max-age=${INCOMPLETE_MAX_AGE_S}`,
      // The CORS headers differ by Origin: a shared cache must keep one answer per origin.
      vary: 'Origin',
    };
    if (matches(request.headers.get('if-none-match'), headers.etag!)) return new Response(null, { status: 304, headers });
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  }

  return { method: 'GET', browser: true, handler };
}
