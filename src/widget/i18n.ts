/**
 * One message table per locale, and the locale choice: the `locale` attribute, else the nearest
 * `lang` (the page's), else the browser's languages, falling back from `id-ID` to `id` and finally
 * to English.
 */

export type Params = Record<string, string | number>;

const en = {
  legend: 'Pay later with',
  orderTotal: 'Order total',
  sortBy: 'Sort by',
  sortMonthly: 'Lowest monthly',
  sortTotal: 'Lowest total',
  fromMonthly: 'from {amount} a month',
  payment: '1 payment',
  payments: '{count} payments',
  perMonth: '{amount} a month',
  perPayment: '{amount} per payment',
  totalOf: 'total {amount}',
  interestOf: '{rate} interest',
  downOf: '{amount} down payment',
  cheapest: 'Lowest total',
  estimate: 'Estimates by {provider}; you confirm the plan on its page.',
  choose: 'Choose a provider',
  continueWith: 'Continue with {provider}',
  submitting: 'Connecting to {provider}…',
  redirecting: 'Taking you to {provider}…',
  loading: 'Loading PayLater options…',
  retry: 'Try again',
  reference: 'Reference: {id}',
  empty: 'PayLater is not available for this order.',
  noneAvailable: 'No PayLater provider can take this order right now.',
  changed: 'Your order changed, so the amounts were updated. Please choose again.',
  expired: 'The plans expired and were refreshed. Please choose again.',
  reasonTooLow: 'Available from {amount}',
  reasonTooHigh: 'Available up to {amount}',
  reasonCurrency: 'Not available for {currency}',
  reasonNotEnabled: 'Not offered by this shop',
  reasonTemporary: 'Temporarily unavailable',
  reasonNoPlans: 'No plans for this order',
  reasonOther: 'Not available',
  errNetwork: 'Could not reach the payment service. Check your connection and try again.',
  errUnavailable: 'The payment service is busy. Please try again shortly.',
  errNotFound: 'This checkout was not found. Please go back to your cart.',
  errRateLimited: 'Too many attempts. Please wait a moment and try again.',
  errInvalidResponse: 'Unexpected answer from the payment service. Please try again.',
  errGeneric: 'Something went wrong. Please try again.',
  checking: 'Checking your payment…',
  pendingTitle: 'Waiting for confirmation',
  pending: 'Waiting for {provider} to confirm your payment of {amount}. This page updates itself.',
  slow: 'This is taking longer than usual. Check again in a few minutes.',
  succeededTitle: 'Payment confirmed',
  succeeded: 'Your payment of {amount} with {provider} is confirmed.',
  failedTitle: 'Payment not completed',
  failed: 'Your payment with {provider} did not go through. Go back to your cart to try again.',
  refundedTitle: 'Payment refunded',
  refunded: 'Your payment of {amount} with {provider} was refunded.',
  noToken: 'No payment to show here.',
  notFound: 'This payment was not found.',
  checkAgain: 'Check again',
  billBuying: 'We are buying your token; this page updates itself.',
  billPaying: 'We are paying your bill; this page updates itself.',
  receipt: 'Receipt number: {receipt}',
  copy: 'Copy',
  copied: 'Copied',
  billFailedTitle: 'Bill not paid',
  billRefunded: 'We could not pay this bill, so your {provider} payment of {amount} was refunded in full.',
  billRefunding: 'We could not pay this bill, so your {provider} payment of {amount} is being refunded in full.',
  billRefundFailed: 'We could not pay this bill. The shop will contact you to refund your {provider} payment of {amount}.',
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const id: Messages = {
  legend: 'Bayar nanti dengan',
  orderTotal: 'Total pesanan',
  sortBy: 'Urutkan',
  sortMonthly: 'Cicilan terendah',
  sortTotal: 'Total terendah',
  fromMonthly: 'mulai {amount} per bulan',
  payment: '1× bayar',
  payments: '{count}× cicilan',
  perMonth: '{amount} per bulan',
  perPayment: '{amount} per cicilan',
  totalOf: 'total {amount}',
  interestOf: 'bunga {rate}',
  downOf: 'uang muka {amount}',
  cheapest: 'Total terendah',
  estimate: 'Perkiraan dari {provider}; rencana akhir dipilih di halamannya.',
  choose: 'Pilih penyedia',
  continueWith: 'Lanjut dengan {provider}',
  submitting: 'Menghubungkan ke {provider}…',
  redirecting: 'Mengarahkan Anda ke {provider}…',
  loading: 'Memuat pilihan PayLater…',
  retry: 'Coba lagi',
  reference: 'Referensi: {id}',
  empty: 'PayLater tidak tersedia untuk pesanan ini.',
  noneAvailable: 'Saat ini tidak ada penyedia PayLater untuk pesanan ini.',
  changed: 'Pesanan Anda berubah, jadi jumlahnya diperbarui. Silakan pilih lagi.',
  expired: 'Rencana kedaluwarsa dan sudah diperbarui. Silakan pilih lagi.',
  reasonTooLow: 'Tersedia mulai {amount}',
  reasonTooHigh: 'Tersedia hingga {amount}',
  reasonCurrency: 'Tidak tersedia untuk {currency}',
  reasonNotEnabled: 'Tidak disediakan toko ini',
  reasonTemporary: 'Sementara tidak tersedia',
  reasonNoPlans: 'Tidak ada rencana untuk pesanan ini',
  reasonOther: 'Tidak tersedia',
  errNetwork: 'Tidak dapat terhubung ke layanan pembayaran. Periksa koneksi Anda dan coba lagi.',
  errUnavailable: 'Layanan pembayaran sedang sibuk. Silakan coba lagi sebentar lagi.',
  errNotFound: 'Checkout ini tidak ditemukan. Silakan kembali ke keranjang Anda.',
  errRateLimited: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
  errInvalidResponse: 'Jawaban tak terduga dari layanan pembayaran. Silakan coba lagi.',
  errGeneric: 'Terjadi kesalahan. Silakan coba lagi.',
  checking: 'Memeriksa pembayaran Anda…',
  pendingTitle: 'Menunggu konfirmasi',
  pending: 'Menunggu {provider} mengonfirmasi pembayaran Anda sebesar {amount}. Halaman ini diperbarui otomatis.',
  slow: 'Ini lebih lama dari biasanya. Periksa lagi dalam beberapa menit.',
  succeededTitle: 'Pembayaran berhasil',
  succeeded: 'Pembayaran Anda sebesar {amount} dengan {provider} sudah dikonfirmasi.',
  failedTitle: 'Pembayaran tidak selesai',
  failed: 'Pembayaran Anda dengan {provider} tidak berhasil. Kembali ke keranjang untuk mencoba lagi.',
  refundedTitle: 'Pembayaran dikembalikan',
  refunded: 'Pembayaran Anda sebesar {amount} dengan {provider} sudah dikembalikan.',
  noToken: 'Tidak ada pembayaran untuk ditampilkan.',
  notFound: 'Pembayaran ini tidak ditemukan.',
  checkAgain: 'Periksa lagi',
  billBuying: 'Kami sedang membeli token Anda; halaman ini diperbarui otomatis.',
  billPaying: 'Kami sedang membayar tagihan Anda; halaman ini diperbarui otomatis.',
  receipt: 'Nomor bukti bayar: {receipt}',
  copy: 'Salin',
  copied: 'Disalin',
  billFailedTitle: 'Tagihan tidak terbayar',
  billRefunded: 'Tagihan ini tidak dapat dibayar, jadi pembayaran {provider} Anda sebesar {amount} sudah dikembalikan penuh.',
  billRefunding: 'Tagihan ini tidak dapat dibayar, jadi pembayaran {provider} Anda sebesar {amount} sedang dikembalikan penuh.',
  billRefundFailed: 'Tagihan ini tidak dapat dibayar. Toko akan menghubungi Anda untuk mengembalikan pembayaran {provider} sebesar {amount}.',
};

const TABLES: Record<string, Messages> = { en, id };

/** Languages with a built-in message table. */
export const LOCALES = Object.keys(TABLES);

/** The supported language a BCP 47 tag falls back to (`id-ID` → `id`), or undefined. */
export function matchLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lang = tag.toLowerCase().split(/[-_]/)[0]!;
  return lang in TABLES ? lang : undefined;
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

/** A message with `{name}` placeholders filled in. */
export function message(locale: string, key: MessageKey, params?: Params): string {
  return fill((TABLES[locale] ?? en)[key], params);
}
