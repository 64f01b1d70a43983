/**
 * The words of `<paylater-bill-inquiry>`, one table per locale (the locales of `../i18n.ts`), and
 * the words for every bill error code the companion answers (`BILL_*`, `BILLER_*`), each with a
 * way forward. They live here, not in the main tables, so shops without bills do not carry them;
 * the other codes (network, rate limit, ...) are said as the other elements say them.
 */
import type { PaylaterError } from '../client.js';
import { errorMessage } from '../errors.js';
import { fill, message, type Params } from '../i18n.js';

const en = {
  loading: 'Loading bill products…',
  legend: 'What do you want to pay?',
  afterCheck: 'Amount shown after the check',
  unavailable: 'Not available right now',
  meterNumber: 'Meter number',
  customerId: 'Customer ID',
  hint: '11–12 digits',
  invalid: 'Enter the 11 or 12 digits of the number, without letters.',
  check: 'Check',
  checking: 'Checking…',
  resultTitle: 'Check the details before you pay',
  name: 'Name',
  tariff: 'Tariff / power',
  product: 'Product',
  period: 'Bill period',
  periods: 'Bill periods',
  amount: 'Amount',
  admin: 'Admin fee',
  total: 'Total to pay',
  next: 'Choose how to pay it with PayLater below.',
  none: 'Bill payments are not available right now.',
  errCustomerNotFound: 'This number was not found at {biller}. Check it against your meter or your last bill, then try again.',
  errInvalidNumber: 'This number is not valid: it has 11 or 12 digits. Check it, then try again.',
  errNoOutstanding: 'There is no bill to pay for this number right now. Check the number, or come back when your next bill is out.',
  errAlreadyPaid: 'This bill has already been paid, so there is nothing to pay now. Check the number if you meant another one.',
  errProductNotFound: 'This product is not available for this number. Choose another product, or check the number.',
  errRestricted: 'Payments to this number are not allowed here. Check the number, or contact {biller}.',
  errKwhLimit: 'This meter has reached its token purchase limit for now. Choose a smaller token, or try again later.',
  errMaintenance: '{biller} is under maintenance. Please try again later.',
  errTimeout: '{biller} did not answer in time. Please try again in a moment.',
  errBiller: '{biller} could not answer right now. Please try again later.',
};

export type BillMessageKey = keyof typeof en;

const id: Record<BillMessageKey, string> = {
  loading: 'Memuat produk tagihan…',
  legend: 'Apa yang ingin Anda bayar?',
  afterCheck: 'Jumlah tampil setelah dicek',
  unavailable: 'Sedang tidak tersedia',
  meterNumber: 'Nomor meter',
  customerId: 'ID pelanggan',
  hint: '11–12 digit',
  invalid: 'Masukkan 11 atau 12 digit nomor, tanpa huruf.',
  check: 'Cek',
  checking: 'Memeriksa…',
  resultTitle: 'Periksa detailnya sebelum membayar',
  name: 'Nama',
  tariff: 'Tarif / daya',
  product: 'Produk',
  period: 'Periode tagihan',
  periods: 'Periode tagihan',
  amount: 'Jumlah',
  admin: 'Biaya admin',
  total: 'Total bayar',
  next: 'Pilih cara bayar dengan PayLater di bawah.',
  none: 'Pembayaran tagihan sedang tidak tersedia.',
  errCustomerNotFound: 'Nomor ini tidak ditemukan di {biller}. Periksa nomornya di meteran atau tagihan terakhir Anda, lalu coba lagi.',
  errInvalidNumber: 'Nomor ini tidak valid: panjangnya 11 atau 12 digit. Periksa lagi, lalu coba lagi.',
  errNoOutstanding: 'Belum ada tagihan untuk nomor ini. Periksa nomornya, atau kembali saat tagihan berikutnya terbit.',
  errAlreadyPaid: 'Tagihan ini sudah dibayar, jadi tidak ada yang perlu dibayar sekarang. Periksa nomornya jika yang Anda maksud nomor lain.',
  errProductNotFound: 'Produk ini tidak tersedia untuk nomor ini. Pilih produk lain, atau periksa nomornya.',
  errRestricted: 'Pembayaran ke nomor ini tidak diizinkan di sini. Periksa nomornya, atau hubungi {biller}.',
  errKwhLimit: 'Meteran ini sudah mencapai batas pembelian token untuk saat ini. Pilih token yang lebih kecil, atau coba lagi nanti.',
  errMaintenance: '{biller} sedang dalam pemeliharaan. Silakan coba lagi nanti.',
  errTimeout: '{biller} tidak menjawab tepat waktu. Silakan coba lagi sebentar lagi.',
  errBiller: '{biller} sedang tidak dapat menjawab. Silakan coba lagi nanti.',
};

const TABLES: Record<string, Record<BillMessageKey, string>> = { en, id };

/** A bill message in `locale` (a locale `resolveLocale` chose), English when the table lacks it. */
export function billMessage(locale: string, key: BillMessageKey, params?: Params): string {
  return fill((TABLES[locale] ?? en)[key], params);
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

/** What the shopper reads for a failed bill call: the bill words, else the words every element uses. */
export function billErrorText(locale: string, error: PaylaterError, biller = 'PLN'): string {
  const key = BILL_ERRORS[error.code];
  return key ? billMessage(locale, key, { biller }) : message(locale, errorMessage(error));
}
