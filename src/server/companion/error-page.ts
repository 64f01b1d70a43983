/**
 * The page a shopper without JavaScript sees when the plans' form could not start the payment
 * (`POST {base}/charges/form`): the same words `<paylater-checkout>` shows for the error, in the
 * form's language, the reference for support, and the way back to the checkout (fresh plans).
 */
import { CHECKOUT_MESSAGES } from '../../widget/components/checkout/checkout.messages.js';
import { errorMessage } from '../../widget/shared/errors.js';
import type { PaylaterError } from '../../widget/shared/client.js';
import { addMessages, matchLocale, message, type MessageKey } from '../../widget/shared/i18n.js';
import { languageOf } from '../../widget/shared/registry.js';
import '../../widget/shared/error-texts.js';
import '../../widget/locales/fil.js';
import '../../widget/locales/ms.js';
import '../../widget/locales/th.js';
import '../../widget/locales/vi.js';
import type { CompanionError } from '../errors.js';
import { escapeHtml } from '../html.js';

addMessages(CHECKOUT_MESSAGES);

/**
 * The page's own words (en, id, th, vi, fil, ms). `expired`: for a quote that expired or is not
 * valid (or a plan not in it), where the widget's words ("the plans were refreshed") would promise
 * what a page without JavaScript does not do; `changed`: for a cart that changed since.
 */
const WORDS: Record<string, { title: string; back: string; expired: string; changed: string }> = {
  en: { title: 'Your payment was not started', back: 'Back to checkout', expired: 'These payment options have expired. Go back to the checkout to see them again.', changed: 'Your order changed, so its payment options changed too. Go back to the checkout to see the new amounts.' },
  id: { title: 'Pembayaran Anda belum dimulai', back: 'Kembali ke pembayaran', expired: 'Pilihan pembayaran ini sudah kedaluwarsa. Kembali ke halaman pembayaran untuk melihatnya lagi.', changed: 'Pesanan Anda berubah, jadi pilihan pembayarannya juga berubah. Kembali ke halaman pembayaran untuk melihat jumlah yang baru.' },
  th: { title: 'ยังไม่ได้เริ่มการชำระเงิน', back: 'กลับไปที่หน้าชำระเงิน', expired: 'ตัวเลือกการชำระเงินเหล่านี้หมดอายุแล้ว กลับไปที่หน้าชำระเงินเพื่อดูอีกครั้ง', changed: 'คำสั่งซื้อของคุณเปลี่ยนไป ตัวเลือกการชำระเงินจึงเปลี่ยนด้วย กลับไปที่หน้าชำระเงินเพื่อดูยอดใหม่' },
  vi: { title: 'Thanh toán của bạn chưa được bắt đầu', back: 'Quay lại trang thanh toán', expired: 'Các lựa chọn thanh toán này đã hết hạn. Hãy quay lại trang thanh toán để xem lại.', changed: 'Đơn hàng của bạn đã thay đổi nên các lựa chọn thanh toán cũng thay đổi. Hãy quay lại trang thanh toán để xem số tiền mới.' },
  fil: { title: 'Hindi pa nasimulan ang iyong bayad', back: 'Bumalik sa checkout', expired: 'Nag-expire na ang mga opsyon sa pagbabayad na ito. Bumalik sa checkout para makita muli ang mga ito.', changed: 'Nagbago ang iyong order, kaya nagbago rin ang mga opsyon sa pagbabayad. Bumalik sa checkout para makita ang mga bagong halaga.' },
  ms: { title: 'Pembayaran anda belum dimulakan', back: 'Kembali ke pembayaran', expired: 'Pilihan pembayaran ini telah tamat tempoh. Kembali ke halaman pembayaran untuk melihatnya semula.', changed: 'Pesanan anda telah berubah, jadi pilihan pembayarannya juga berubah. Kembali ke halaman pembayaran untuk melihat jumlah yang baharu.' },
};


/** The language of the page: the form's `locale`, else the browser's first known one, else English. */
export function pageLanguage(request: Request, locale?: string | null): string {
  const tags = [locale, ...(request.headers.get('accept-language') ?? '').split(',').map((part) => part.split(';')[0]!.trim())];
  for (const tag of tags) {
    const lang = matchLocale(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** The checkout page the form was sent from, when it is one of the shop's (`allowed`). */
export function backTo(request: Request, allowed: Set<string>): string | undefined {
  const referer = request.headers.get('referer');
  if (!referer) return undefined;
  try {
    return allowed.has(new URL(referer).origin) ? referer : undefined;
  } catch {
    return undefined;
  }
}

export interface ErrorPage {
  error: CompanionError;
  requestId: string;
  lang: string;
  /** The checkout page to go back to, when known. */
  back: string | undefined;
  /** The text to show instead of the error's own (a form sent with no plan chosen). */
  key?: MessageKey;
  headers?: Record<string, string>;
}

export function errorPage({ error, requestId, lang, back, key, headers = {} }: ErrorPage): Response {
  const words = WORDS[languageOf(lang)] ?? WORDS.en!;
  // Not the widget's words for these ("the plans were refreshed"): a page without JavaScript
  // refreshes nothing, so it says what happened and the way back.
  const own = key ? undefined : ({ QUOTE_EXPIRED: words.expired, QUOTE_INVALID: words.expired, PLAN_NOT_IN_QUOTE: words.expired, CHECKOUT_CHANGED: words.changed } as Record<string, string>)[error.code];
  const text = own ?? message(lang, key ?? errorMessage(error as unknown as PaylaterError));
  const body = `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(words.title)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}a{display:inline-block;min-height:44px;line-height:44px}.ref{color:GrayText;font-size:.875rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(words.title)}</h1>
<p role="alert">${escapeHtml(text)}</p>
<p class="ref">${escapeHtml(message(lang, 'reference', { id: requestId }))}</p>
${back ? `<p><a href="${escapeHtml(back)}">${escapeHtml(words.back)}</a></p>` : ''}
</main>
</body>
</html>`;
  return new Response(body, {
    status: error.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      ...error.headers,
      ...headers,
    },
  });
}

