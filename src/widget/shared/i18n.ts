/**
 * The message table (each text in every locale), and the locale choice: the `locale` attribute,
 * else the nearest `lang` (the page's), else the browser's languages, falling back from `id-ID` to
 * `id` and finally to English. Other languages are added with `registerLocale` (`registry.ts`).
 */
import { added, languageOf } from './registry.js';
import type { MESSAGE_MESSAGES } from '../components/message/message.messages.js';
import type { STATUS_MESSAGES } from '../components/status/status.messages.js';

export type Params = Record<string, string | number>;

/** Languages with a built-in message table; each text below lists its translations in this order. */
export const LOCALES = ['en', 'id'];

/**
 * The texts of `<paylater-checkout>` and those every element shares (errors), in English and
 * Indonesian: one table, so that no text can be missing in a language. `<paylater-status>` keeps
 * its own (`status.messages.ts`) and adds it with `addMessages` when it loads, so that a page with
 * the checkout only does not carry them.
 */
export const MESSAGES = {
  legend: ['Pay later with', 'Bayar nanti dengan'],
  orderTotal: ['Order total', 'Total pesanan'],
  sortBy: ['Sort by', 'Urutkan'],
  sortMonthly: ['Lowest monthly', 'Cicilan terendah'],
  sortTotal: ['Lowest total', 'Total terendah'],
  tenor: ['Plan', 'Tenor'],
  tenorAll: ['All', 'Semua'],
  days30: ['30 days', '30 hari'],
  times: ['{count}×', '{count}x'],
  colTenor: ['Plan', 'Tenor'],
  colPay: ['Each payment', 'Cicilan'],
  colTotal: ['Total to pay', 'Total bayar'],
  ratePerMonth: ['{rate}/mo', '{rate}/bln'],
  once: ['one payment', 'sekali bayar'],
  perMonth: ['a month', 'per bulan'],
  perPayment: ['per payment', 'per cicilan'],
  interestOf: ['{amount} interest', 'bunga {amount}'],
  noInterest: ['no interest', 'tanpa bunga'],
  downOf: ['{amount} down', 'DP {amount}'],
  interestFree: ['0% instalments', 'Cicilan 0%'],
  cheapest: ['Lowest total', 'Total terendah'],
  noTenor: ['No {tenor} plan', 'Tidak ada tenor {tenor}'],
  confirm: ['You choose the final plan on the provider\u2019s page, where it is approved.', 'Tenor final dipilih dan disetujui di halaman penyedia.'],
  confirmWith: ['You choose the final plan on {provider}\u2019s page, where it is approved.', 'Tenor final dipilih dan disetujui di halaman {provider}.'],
  choose: ['Choose a provider', 'Pilih penyedia'],
  continueWith: ['Continue with {provider}', 'Lanjut dengan {provider}'],
  submitting: ['Connecting to {provider}…', 'Menghubungkan ke {provider}…'],
  redirecting: ['Taking you to {provider}…', 'Mengarahkan Anda ke {provider}…'],
  loading: ['Loading PayLater options…', 'Memuat pilihan PayLater…'],
  retry: ['Try again', 'Coba lagi'],
  reference: ['Reference: {id}', 'Referensi: {id}'],
  empty: ['PayLater is not available for this order.', 'PayLater tidak tersedia untuk pesanan ini.'],
  noneAvailable: ['No PayLater provider can take this order right now.', 'Saat ini tidak ada penyedia PayLater untuk pesanan ini.'],
  changed: ['Your order changed, so the amounts were updated. Please choose again.', 'Pesanan Anda berubah, jadi jumlahnya diperbarui. Silakan pilih lagi.'],
  expired: ['The plans expired and were refreshed. Please choose again.', 'Pilihan cicilan sudah kedaluwarsa dan diperbarui. Silakan pilih lagi.'],
  reasonTooLow: ['Available from {amount}', 'Tersedia mulai {amount}'],
  reasonTooHigh: ['Available up to {amount}', 'Tersedia hingga {amount}'],
  reasonCurrency: ['Not available for {currency}', 'Tidak tersedia untuk {currency}'],
  reasonNotEnabled: ['Not offered by this shop', 'Tidak disediakan toko ini'],
  reasonTemporary: ['Temporarily unavailable', 'Sementara tidak tersedia'],
  reasonNoPlans: ['No plans for this order', 'Tidak ada pilihan cicilan untuk pesanan ini'],
  reasonOther: ['Not available', 'Tidak tersedia'],
  errNetwork: ['Could not reach the payment service. Check your connection and try again.', 'Tidak dapat terhubung ke layanan pembayaran. Periksa koneksi Anda dan coba lagi.'],
  errUnavailable: ['The payment service is busy. Please try again shortly.', 'Layanan pembayaran sedang sibuk. Silakan coba lagi sebentar lagi.'],
  errNotFound: ['This checkout was not found. Please go back to your cart.', 'Checkout ini tidak ditemukan. Silakan kembali ke keranjang Anda.'],
  errRateLimited: ['Too many attempts. Please wait a moment and try again.', 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.'],
  errGeneric: ['Something went wrong. Please try again.', 'Terjadi kesalahan. Silakan coba lagi.'],
  errConflict: ['Your payment is still being prepared. Please try again in a moment.', 'Pembayaran Anda masih disiapkan. Silakan coba lagi sebentar lagi.'],
  paid: ['This order is already paid.', 'Pesanan ini sudah dibayar.'],
} satisfies Record<string, [en: string, id: string]>;

/** Every key: the checkout's and shared texts, and those of `<paylater-status>` and `<paylater-message>`. */
export type MessageKey = keyof typeof MESSAGES | keyof typeof STATUS_MESSAGES | keyof typeof MESSAGE_MESSAGES;

/** The built-in texts (English, Indonesian) by key: this table, and each element's own once it loads. */
const builtIn: Record<string, readonly string[]> = { ...MESSAGES };

/** Adds an element's own built-in texts (each in every language of `LOCALES`). */
export function addMessages(table: Record<string, readonly string[]>): void {
  Object.assign(builtIn, table);
}

/** Every text of a language, by key: what a file in `locales/` registers. */
export type Messages = Record<MessageKey, string>;

/**
 * The supported language a BCP 47 tag falls back to (`id-ID` → `id`; `tl` → `fil`), built in or
 * registered, or undefined.
 */
export function matchLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lang = languageOf(tag);
  return LOCALES.includes(lang) || added[lang] ? lang : undefined;
}

/**
 * The language an element speaks: its `locale`, else the nearest `lang` attribute (crossing shadow
 * roots), else the browser's preferred languages, else English.
 */
export function resolveLocale(explicit: string | undefined, element: Element): string {
  const fromAttribute = matchLocale(explicit);
  if (fromAttribute) return fromAttribute;
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const lang = node.getAttribute('lang');
      // An unsupported page language still falls through to the browser's choice.
      const match = matchLocale(lang);
      if (match) return match;
      break;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

/** `text` with its `{name}` placeholders filled in (a function, so `$&` in a value stays as it is). */
export function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The text of `texts` (one per `LOCALES` entry) in `locale`, English when there is none. */
export function pickLocale(texts: readonly string[], locale: string): string {
  return texts[Math.max(LOCALES.indexOf(locale), 0)]!;
}

/** A message with `{name}` placeholders filled in: the registered text first, then the built-in one. */
export function message(locale: string, key: MessageKey, params?: Params): string {
  return fill(added[locale]?.[key] ?? pickLocale(builtIn[key] ?? [key], locale), params);
}
