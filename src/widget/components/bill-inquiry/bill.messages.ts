/**
 * The words of `<paylater-bill-inquiry>` and of a bill on `<paylater-status>`, each in every locale
 * of `../i18n.ts` (one table, like the main one), and the words for every bill error code the
 * companion answers (`BILL_*`, `BILLER_*`), each with a way forward. They live here, not in the
 * main table, so shops without bills do not carry them; the other codes (network, rate limit, ...)
 * are said as the other elements say them.
 */
import type { PaylaterError } from '../../shared/client.js';
import { errorMessage } from '../../shared/errors.js';
import { fill, message, pickLocale, type Params } from '../../shared/i18n.js';
import { added } from '../../shared/registry.js';

/** The bill words, each in every language of `LOCALES` (English, Indonesian). */
const MESSAGES = {
  loading: ['Loading bill products…', 'Memuat produk tagihan…'],
  legend: ['What do you want to pay?', 'Apa yang ingin Anda bayar?'],
  afterCheck: ['Amount shown after the check', 'Jumlah tampil setelah dicek'],
  unavailable: ['Not available right now', 'Sedang tidak tersedia'],
  meterNumber: ['Meter number', 'Nomor meter'],
  customerId: ['Customer ID', 'ID pelanggan'],
  hint: ['11–12 digits', '11–12 digit'],
  invalid: ['Enter the 11 or 12 digits of the number, without letters.', 'Masukkan 11 atau 12 digit nomor, tanpa huruf.'],
  check: ['Check', 'Cek'],
  checking: ['Checking…', 'Memeriksa…'],
  resultTitle: ['Check the details before you pay', 'Periksa detailnya sebelum membayar'],
  name: ['Name', 'Nama'],
  tariff: ['Tariff / power', 'Tarif / daya'],
  product: ['Product', 'Produk'],
  period: ['Bill period', 'Periode tagihan'],
  periods: ['Bill periods', 'Periode tagihan'],
  amount: ['Amount', 'Jumlah'],
  admin: ['Admin fee', 'Biaya admin'],
  total: ['Total to pay', 'Total bayar'],
  next: ['Choose how to pay it with PayLater below.', 'Pilih cara bayar dengan PayLater di bawah.'],
  none: ['Bill payments are not available right now.', 'Pembayaran tagihan sedang tidak tersedia.'],
  errCustomerNotFound: ['This number was not found at {biller}. Check it against your meter or your last bill, then try again.', 'Nomor ini tidak ditemukan di {biller}. Periksa nomornya di meteran atau tagihan terakhir Anda, lalu coba lagi.'],
  errInvalidNumber: ['This number is not valid: it has 11 or 12 digits. Check it, then try again.', 'Nomor ini tidak valid: panjangnya 11 atau 12 digit. Periksa lagi, lalu coba lagi.'],
  errNoOutstanding: ['There is no bill to pay for this number right now. Check the number, or come back when your next bill is out.', 'Belum ada tagihan untuk nomor ini. Periksa nomornya, atau kembali saat tagihan berikutnya terbit.'],
  errAlreadyPaid: ['This bill has already been paid, so there is nothing to pay now. Check the number if you meant another one.', 'Tagihan ini sudah dibayar, jadi tidak ada yang perlu dibayar sekarang. Periksa nomornya jika yang Anda maksud nomor lain.'],
  errProductNotFound: ['This product is not available for this number. Choose another product, or check the number.', 'Produk ini tidak tersedia untuk nomor ini. Pilih produk lain, atau periksa nomornya.'],
  errRestricted: ['Payments to this number are not allowed here. Check the number, or contact {biller}.', 'Pembayaran ke nomor ini tidak diizinkan di sini. Periksa nomornya, atau hubungi {biller}.'],
  errKwhLimit: ['This meter has reached its token purchase limit for now. Choose a smaller token, or try again later.', 'Meteran ini sudah mencapai batas pembelian token untuk saat ini. Pilih token yang lebih kecil, atau coba lagi nanti.'],
  errMaintenance: ['{biller} is under maintenance. Please try again later.', '{biller} sedang dalam pemeliharaan. Silakan coba lagi nanti.'],
  errTimeout: ['{biller} did not answer in time. Please try again in a moment.', '{biller} tidak menjawab tepat waktu. Silakan coba lagi sebentar lagi.'],
  errBiller: ['{biller} could not answer right now. Please try again later.', '{biller} sedang tidak dapat menjawab. Silakan coba lagi nanti.'],
  // <paylater-status>, for a payment that pays a bill
  billBuying: ['We are buying your token; this page updates itself.', 'Kami sedang membeli token Anda; halaman ini diperbarui otomatis.'],
  billPaying: ['We are paying your bill; this page updates itself.', 'Kami sedang membayar tagihan Anda; halaman ini diperbarui otomatis.'],
  receipt: ['Receipt number: {receipt}', 'Nomor bukti bayar: {receipt}'],
  copy: ['Copy', 'Salin'],
  copied: ['Copied', 'Disalin'],
  tokenReady: [
    '{provider} approved your payment of {amount} and your token is ready: enter it on your meter. Your payment schedule is in the {provider} app.',
    '{provider} telah menyetujui pembayaran Anda sebesar {amount} dan token Anda sudah siap: masukkan ke meteran listrik Anda. Jadwal pembayarannya ada di aplikasi {provider}.',
  ],
  billPaid: [
    '{provider} approved your payment of {amount} and your bill is paid. Your payment schedule is in the {provider} app.',
    '{provider} telah menyetujui pembayaran Anda sebesar {amount} dan tagihan Anda sudah lunas. Jadwal pembayarannya ada di aplikasi {provider}.',
  ],
  tokenFailedTitle: ['Electricity token not bought', 'Token listrik gagal dibeli'],
  billFailedTitle: ['Bill not paid', 'Tagihan gagal dibayar'],
  // Why a token or bill could not be bought or paid (`BILL_FAILURES`), then what happened to the money.
  failTurnedDown: ['{biller} turned down the transaction.', '{biller} menolak transaksi ini.'],
  failNotFound: ['The number was not found at {biller}.', 'Nomor ini tidak ditemukan di {biller}.'],
  failProduct: ['This product is not available for this number.', 'Produk ini tidak tersedia untuk nomor ini.'],
  failKwhLimit: ['This meter has reached its token purchase limit for now.', 'Meteran ini sudah mencapai batas pembelian token untuk saat ini.'],
  failAlreadyPaid: ['This bill had already been paid.', 'Tagihan ini ternyata sudah dibayar.'],
  failNoBill: ['There was no bill to pay for this number.', 'Tidak ada tagihan yang perlu dibayar untuk nomor ini.'],
  failRestricted: ['Payments to this number are not allowed.', 'Pembayaran ke nomor ini tidak diizinkan.'],
  failExpired: ['The check of this number had expired.', 'Hasil pengecekan nomor ini sudah kedaluwarsa.'],
  failUnavailable: ['{biller} could not be reached.', '{biller} sedang tidak dapat dihubungi.'],
  failOther: ['The payment to {biller} could not be completed.', 'Pembayaran ke {biller} tidak dapat diselesaikan.'],
  billRefunded: [
    'Your {provider} payment of {amount} was refunded in full: your {provider} credit limit is restored and you owe nothing.',
    'Pembayaran {provider} Anda sebesar {amount} sudah dikembalikan penuh: limit kredit {provider} Anda sudah pulih dan tidak ada tagihan yang perlu Anda bayar.',
  ],
  billRefunding: [
    'Your {provider} payment of {amount} is being refunded in full; you will owe nothing for it.',
    'Pembayaran {provider} Anda sebesar {amount} sedang dikembalikan penuh; tidak ada tagihan yang perlu Anda bayar.',
  ],
  billRefundFailed: [
    'The shop will contact you to refund your {provider} payment of {amount}.',
    'Toko akan menghubungi Anda untuk mengembalikan pembayaran {provider} sebesar {amount}.',
  ],
  buyAgain: ['Buy the token again', 'Beli token lagi'],
  payAgain: ['Try paying again', 'Coba bayar lagi'],
} satisfies Record<string, [en: string, id: string]>;

export type BillMessageKey = keyof typeof MESSAGES;

/** The bill texts as `registerLocale` takes them: `{ 'bill.check': 'Periksa' }`. */
export type BillMessages = Record<`bill.${BillMessageKey}`, string>;

/**
 * A bill message in `locale` (a locale `resolveLocale` chose): the text registered for it
 * (`registerLocale(lang, { 'bill.<key>': … })`), else the built-in one, English when there is none.
 */
export function billMessage(locale: string, key: BillMessageKey, params?: Params): string {
  return fill(added[locale]?.[`bill.${key}`] ?? pickLocale(MESSAGES[key], locale), params);
}

/** The companion's bill error codes and their words. */
export const BILL_ERRORS: Readonly<Record<string, BillMessageKey>> = {
  BILL_CUSTOMER_NOT_FOUND: 'errCustomerNotFound',
  BILL_INVALID_NUMBER: 'errInvalidNumber',
  BILL_NO_OUTSTANDING: 'errNoOutstanding',
  BILL_ALREADY_PAID: 'errAlreadyPaid',
  BILL_PRODUCT_NOT_FOUND: 'errProductNotFound',
  BILL_NUMBER_RESTRICTED: 'errRestricted',
  BILL_KWH_LIMIT: 'errKwhLimit',
  BILLER_MAINTENANCE: 'errMaintenance',
  BILLER_TIMEOUT: 'errTimeout',
  BILLER_ERROR: 'errBiller',
};

/**
 * Why a bill payment failed, in words, from the `failure_code` the companion passes on (Xendit's
 * own: the payment's `failure_code`, or the error code of a payment Xendit refused; see the PLN test
 * numbers in `src/testing/bills.ts`). Unknown codes get `failOther`; a code is never shown.
 */
export const BILL_FAILURES: Readonly<Record<string, BillMessageKey>> = {
  TRANSACTION_FAILED: 'failTurnedDown',
  BILLER_ERROR: 'failTurnedDown',
  CUSTOMER_NOT_FOUND: 'failNotFound',
  PRODUCT_NOT_FOUND: 'failProduct',
  KWH_LIMIT_EXCEEDED: 'failKwhLimit',
  BILL_ALREADY_PAID: 'failAlreadyPaid',
  NO_OUTSTANDING_BILL: 'failNoBill',
  CUSTOMER_NUMBER_RESTRICTED: 'failRestricted',
  INVALID_INQUIRY: 'failExpired',
  BILLER_TIMEOUT: 'failUnavailable',
  BILLER_MAINTENANCE: 'failUnavailable',
};

/** What the shopper reads for a failed bill call: the bill words, else the words every element uses. */
export function billErrorText(locale: string, error: PaylaterError, biller = 'PLN'): string {
  const key = BILL_ERRORS[error.code];
  return key ? billMessage(locale, key, { biller }) : message(locale, errorMessage(error));
}
