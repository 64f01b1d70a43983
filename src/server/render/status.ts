/**
 * `<paylater-status>` rendered on the server (`companion.renderStatus`): the outcome the return
 * page shows, drawn by the element's own `render()` into a declarative shadow root, with the
 * answer beside it for the element to start from. A shopper without JavaScript sees the result;
 * with it, the element goes on checking as usual.
 */
import type { CSSResult } from 'lit';
import type { StatusResponseBody } from '../../contract/index.js';
import { statusBill, tokenStyles } from '../../widget/components/status/status-bill.js';
import { isFinal, PaylaterStatus } from '../../widget/components/status/status.js';
import { TRANSIENT } from '../../widget/components/status/status.outcome.js';
import { PaylaterError } from '../../widget/shared/client.js';
import '../../widget/shared/error-texts.js';
import '../../widget/locales/fil.js';
import '../../widget/locales/ms.js';
import '../../widget/locales/th.js';
import '../../widget/locales/vi.js';
import { elementHtml } from './element.js';

// The bill view (Bill Payments): a bill's token or receipt is shown as the bills bundle shows it.
PaylaterStatus.bill ??= statusBill;

export interface RenderStatusOptions {
  /** Where the companion is mounted, as the element's `endpoint` (default `/paylater`). */
  endpoint?: string;
  /** The language of the texts (default: the request's `Accept-Language`, else English); written as the element's `locale`. */
  locale?: string;
  /** The element's `retry-href` (resolved against the request's URL). */
  retryHref?: string;
  /** The page's `Content-Security-Policy` nonce for the element's `<style>`s (else allow `styleHashes`). */
  nonce?: string;
  /** The shopper's address, for the per-client rate limit of status (as `GET {base}/status`); `requestOf(req)` passes it by itself. */
  clientAddress?: string;
  /** More attributes of the element (`poll-interval`, `id`…), escaped. */
  attributes?: Record<string, string>;
  /** HTML inside the element, as given (its `succeeded` and `failed` slots). */
  content?: string;
}

export interface RenderedStatus {
  html: string;
  styleHashes: string[];
  /** Nothing will change any more, or checking again would not help (a page without JavaScript reloads itself until then). */
  final: boolean;
  /** The answer shown, or undefined when the status could not be had (the element then shows why). */
  status: StatusResponseBody | undefined;
}

export async function renderStatusHtml(
  token: string,
  lang: string,
  answer: { status: StatusResponseBody } | { error: { code: string; status: number; message: string; requestId: string } },
  options: RenderStatusOptions & { retryUrl?: string | undefined },
): Promise<RenderedStatus> {
  // The element itself, never connected, draws the answer (its `render()`): the same words and marks.
  const element = new PaylaterStatus();
  element.locale = lang;
  element.retryHref = options.retryUrl;
  const state = element as unknown as { result?: StatusResponseBody; error?: PaylaterError };
  if ('status' in answer) state.result = answer.status;
  else state.error = new PaylaterError(answer.error.code, answer.error.status, answer.error.message, answer.error.requestId);
  const { html, styleHashes } = await elementHtml({
    tag: 'paylater-status',
    attributes: { ...options.attributes, endpoint: options.endpoint ?? '/paylater', locale: lang, token, 'retry-href': options.retryHref },
    // The element's styles, and the bill view's for a token (which it adopts when it shows one).
    styles: [...(PaylaterStatus.styles as CSSResult[]), ...(state.result?.bill ? [tokenStyles] : [])],
    content: element.render(),
    data: 'status' in answer ? { token, status: answer.status } : undefined,
    nonce: options.nonce,
    light: options.content,
  });
  // An error that checking again will not change (an unknown token) is final too: a page without
  // JavaScript stops reloading.
  const final = 'status' in answer ? isFinal(answer.status) : !TRANSIENT.has(answer.error.code);
  return { html, styleHashes, final, status: 'status' in answer ? answer.status : undefined };
}
