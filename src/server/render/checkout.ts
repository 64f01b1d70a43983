/**
 * `<paylater-checkout>` rendered on the server (`companion.renderCheckout`): the plans inside a
 * Declarative Shadow DOM, drawn by the element's own templates (`renderCheckoutView`) and styles,
 * and the plans' answer with its signed quote beside them, which the element takes instead of
 * asking again. The plans are a real form, so a shopper without JavaScript chooses and goes on.
 *
 * Loaded by the companion only when called: it needs lit-html (its Node build), which the core
 * does without.
 */
import type { CSSResult } from 'lit';
import type { PlansResponseBody } from '../../contract/index.js';
import { PaylaterCheckout } from '../../widget/components/checkout/checkout.js';
import { renderCheckoutView, type CheckoutView } from '../../widget/components/checkout/checkout.template.js';
import type { Sort } from '../../widget/components/checkout/checkout.view.js';
import { PaylaterError } from '../../widget/shared/client.js';
import { formatMoney } from '../../widget/shared/format.js';
import { message, MESSAGES, pickLocale, type MessageKey } from '../../widget/shared/i18n.js';
import { added } from '../../widget/shared/registry.js';
import { CHECKOUT_MESSAGES } from '../../widget/components/checkout/checkout.messages.js';
import { OPTIONS_MESSAGES } from '../../widget/components/checkout/options.messages.js';
import { ERROR_MESSAGES } from '../../widget/shared/error.messages.js';
import type { LoadState } from '../../widget/shared/loader.js';
import '../../widget/shared/error-texts.js';
import '../../widget/locales/fil.js';
import '../../widget/locales/ms.js';
import '../../widget/locales/th.js';
import '../../widget/locales/vi.js';
import { elementHtml } from './element.js';
import { inAppBrowserOs } from '../../contract/in-app-detect.js';

export interface RenderCheckoutOptions {
  /** Where the companion is mounted, as the element's `endpoint` (default `/paylater`). */
  endpoint?: string;
  /** The language of the texts (default: the request's `Accept-Language`, else English); written as the element's `locale`. */
  locale?: string;
  /** Only these channel codes (the element's `channels`). */
  channels?: string[];
  /** The element's `sort` (default `monthly`). */
  sort?: Sort;
  /** A field of the page's own form under this name (the element's `name`): no button of its own. */
  name?: string;
  /** With `name`: a provider must be chosen before the form is sent. */
  required?: boolean;
  /** The nonce of the page's `Content-Security-Policy` for the element's `<style>`s (else allow `styleHashes`). */
  nonce?: string;
  /** The request's `User-Agent`: in an in-app browser, the place of the note the element shows there. */
  userAgent?: string;
  /**
   * The shopper's address, for the per-client rate limit of plans (as `POST {base}/plans` counts
   * it). `requestOf(req)` passes it by itself; give it with a `Request` of another making (Hono,
   * Next.js), or set `clientKey` in `createCompanion`.
   */
  clientAddress?: string;
  /** More attributes of the element (`id`, `class`…), escaped. */
  attributes?: Record<string, string>;
  /** HTML inside the element, as given (e.g. `<a slot="paid" href="/orders/1">Your order</a>`). */
  content?: string;
}

export interface RenderedCheckout {
  /** The `<paylater-checkout>` element with its shadow root, to put in the page. */
  html: string;
  /** The `Content-Security-Policy` `style-src` sources of its `<style>`s (`'sha256-…'`), for a policy without nonces. */
  styleHashes: string[];
  /** The plans' answer the element shows, or the error it shows instead (the element then asks again). */
  plans: PlansResponseBody | undefined;
  error: PaylaterError | undefined;
}

/**
 * Every text the checkout may show, in `lang`, as it was drawn with: the element takes them with
 * the plans, so it draws the same words at once (the rarely shown ones too, which it would
 * otherwise fetch, and a language whose file the page does not load).
 */
function textsOf(lang: string): Record<string, string> {
  // As written, `{placeholders}` kept: the registered text, else the built-in one.
  const table: Record<string, readonly string[]> = { ...MESSAGES, ...CHECKOUT_MESSAGES, ...OPTIONS_MESSAGES, ...ERROR_MESSAGES };
  return Object.fromEntries(Object.entries(table).map(([key, texts]) => [key, added[lang]?.[key as MessageKey] ?? pickLocale(texts, lang)]));
}

/**
 * Without JavaScript nothing re-sorts, filters or asks again: the sort and tenor controls and the
 * "Try again" of an error are left out. Before the script runs they are there but do nothing (a
 * choice there would be undone by the element): hidden too, with their room kept, so that nothing
 * moves when it runs.
 */
const NO_SCRIPT = '.tenors,.sort,[part~=retry]{display:none}';
const BEFORE_SCRIPT = ':host(:not(:defined)) :is(.tenors,.sort,[part~=retry]){visibility:hidden}';

/** The markup of the element for `plans` (or the error that stopped them), in `lang`. */
export async function renderCheckoutHtml(
  checkout: string,
  lang: string,
  answer: { plans: PlansResponseBody } | { error: { code: string; status: number; message: string; requestId: string } },
  options: RenderCheckoutOptions,
): Promise<RenderedCheckout> {
  const result = 'plans' in answer ? answer : { error: new PaylaterError(answer.error.code, answer.error.status, answer.error.message, answer.error.requestId) };
  const endpoint = options.endpoint ?? '/paylater';
  const sort = options.sort ?? 'monthly';
  const plans: LoadState<PlansResponseBody> = 'plans' in result ? { status: 'complete', value: result.plans } : { status: 'error', error: result.error };
  const noop = () => {};
  const view: CheckoutView = {
    plans,
    endpoint,
    sort,
    tenor: undefined,
    selected: undefined,
    phase: 'idle',
    notice: undefined,
    chargeError: undefined,
    shape: [],
    field: !!options.name,
    disabled: false,
    inApp: !!options.userAgent && !!inAppBrowserOs(options.userAgent),
    on: { sort: noop, tenor: noop, choose: noop, submit: noop, retry: noop },
  };
  const words = { t: (key: Parameters<typeof message>[1], params?: Parameters<typeof message>[2]) => message(lang, key, params), money: (currency: string, amount: number) => formatMoney(lang, currency, amount), lang };
  const { html, styleHashes } = await elementHtml({
    tag: 'paylater-checkout',
    attributes: {
      ...options.attributes,
      endpoint,
      checkout,
      locale: lang,
      channels: options.channels?.join(' '),
      sort: options.sort,
      name: options.name,
      required: options.required ? '' : undefined,
    },
    styles: PaylaterCheckout.styles as CSSResult[],
    noScript: NO_SCRIPT,
    beforeScript: BEFORE_SCRIPT,
    content: renderCheckoutView(words, view),
    data: 'plans' in result ? { checkout, plans: result.plans, lang, texts: textsOf(lang) } : undefined,
    nonce: options.nonce,
    light: options.content,
  });
  return {
    html,
    styleHashes,
    plans: 'plans' in result ? result.plans : undefined,
    error: 'error' in result ? result.error : undefined,
  };
}
