/** The shop's own words, in English and Indonesian. The widget has its own tables and follows `<html lang>`. */
import type { Lang } from './catalog.js';

const en = {
  shopName: 'Toko Pagi',
  tagline: 'Good things from across the archipelago',
  skip: 'Skip to content',
  navMain: 'Main',
  navShop: 'Shop',
  navOrders: 'Orders',
  navListrik: 'Electricity',
  navBackOffice: 'Back office',
  viewShop: 'View the shop',
  // electricity (bills)
  listrikTitle: 'Pay electricity with PayLater',
  listrikHeading: 'Pay electricity with PayLater',
  listrikLead: 'Buy a PLN prepaid token or pay your postpaid electricity bill, and spread the cost in instalments. Enter your meter or customer number: we check it with PLN and show the exact amount before you choose a plan.',
  listrikFormHeading: 'Your electricity',
  listrikProviders: 'Bills are paid with Kredivo, Akulaku or Indodana: if PLN cannot complete the payment, your PayLater payment is refunded in full automatically.',
  testNumbersHeading: 'Numbers to try',
  testNumbersLead: 'The offline simulator plays Xendit\u2019s test customer numbers:',
  testPrepaidOk: 'Token: succeeds, you get a 20-digit token',
  testPostpaidOk: 'Postpaid bill (choose \u201cPLN Tagihan Listrik\u201d): succeeds, with a receipt; once paid, the bill is paid (asking again says so)',
  testFails: 'Token: PLN refuses it after you pay, and the payment is refunded',
  backToListrik: 'Back to electricity',
  billWhat: 'Bill',
  billOutcome: 'Bill payment',
  billToken: 'Token',
  billReceipt: 'Receipt',
  billFailedRefunded: 'Could not be paid; the PayLater payment was refunded in full.',
  billFailedNoRefund: 'Could not be paid; the refund was refused: refund by hand.',
  billWaiting: 'Being paid to PLN\u2026',
  navCart: 'Cart',
  language: 'Language',
  demoNote: 'Demo shop: payments go to an offline Xendit simulator. No real money moves.',
  footer: 'Toko Pagi is a demo shop for paylater-checkout: PayLater at checkout, with an offline Xendit simulator.',
  footerCdn: 'The same checkout on a plain HTML page',
  // shop
  shopTitle: 'Shop',
  shopHeading: 'Fresh finds, pay later',
  shopLead: 'Pay in instalments with Kredivo, Akulaku, Atome, Indodana or UangMe at checkout.',
  productsHeading: 'Products',
  addToCart: 'Add to cart',
  ordered: 'Your previous cart was paid. Thank you! This is a new cart.',
  // cart
  cartHeading: 'Your cart',
  cartEmpty: 'Your cart is empty. Add something you like.',
  quantity: 'Quantity',
  decrease: 'Remove one',
  increase: 'Add one',
  remove: 'Remove',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  free: 'Free',
  total: 'Total',
  checkout: 'Checkout',
  itemCount: '{count} items',
  itemCountOne: '1 item',
  // checkout
  checkoutTitle: 'Checkout',
  checkoutHeading: 'Checkout',
  payHeading: 'Pay in instalments',
  payLead: 'Compare the plans and choose a provider. You confirm the plan on the provider\u2019s page.',
  summaryHeading: 'Order summary',
  orderRef: 'Order {reference}',
  deliverTo: 'Deliver to',
  editCart: 'Edit cart',
  cartGone: 'This cart was not found, or it was already paid.',
  backToShop: 'Back to the shop',
  // return
  returnTitle: 'Payment status',
  returnHeading: 'Payment status',
  keepShopping: 'Continue shopping',
  backToCart: 'Back to your cart',
  // orders
  ordersTitle: 'Orders (back office)',
  ordersHeading: 'Orders',
  ordersLead: 'For the shop\u2019s staff: every order the payment server (paylater-checkout\u2019s companion) reported through {payment}, one event per charge and status; for electricity, also the token or receipt from {bill}.',
  ordersEmpty: 'No orders yet. Pay for a cart and it shows up here.',
  backOfficeTitle: 'Back office',
  backOfficeLocked: 'The orders page is the shop\u2019s back office, for its staff. To open it, use the orders link printed in the terminal where the shop was started (it ends in ?key=\u2026).',
  placed: 'Placed',
  provider: 'Provider',
  amount: 'Amount',
  status: 'Status',
  items: 'Items',
  history: 'History',
  charge: 'Charge',
  xenditStatus: 'Xendit status',
  xenditCode: 'Xendit code',
  productCode: 'Product code',
  refund: 'Refund',
  refundPending: 'Refund requested, waiting for Xendit\u2019s confirmation\u2026',
  paidTwice: 'Paid twice',
  refundByHand: 'the provider takes no refunds through the API: refund it by hand',
  paidSuperseded: 'Paid for the earlier cart',
  paidCancelled: 'Paid after it was cancelled',
  amountMismatch: 'Paid, but not the order\u2019s amount: check before shipping.',
  refundRequested: 'Refund of order {reference} requested.',
  refundFailed: 'The refund of order {reference} was refused: {reason}',
  refundReasonByHand: 'this provider takes no refunds through Xendit; refund the shopper by hand.',
  refundReasonStatus: 'the payment cannot be refunded as it is now (already refunded, or not paid).',
  refundReasonUnreachable: 'Xendit did not answer in time; try again in a moment.',
  refundReasonOther: 'Xendit did not accept it; try again later, or refund the shopper by hand.',
  refundNotPaid: 'Order {reference} cannot be refunded: it is not paid.',
  statusSUCCEEDED: 'Paid',
  statusFAILED: 'Failed',
  statusCANCELLED: 'Cancelled',
  statusREFUNDED: 'Refunded',
  statusEXPIRED: 'Expired',
  statusVOIDED: 'Voided',
  statusPENDING: 'Pending',
  via_webhook: 'reported by Xendit',
  via_refresh: 'found by a status check',
  'via_back-office': 'from the back office',
  // electricity products in the back office
  billPrepaid: 'PLN prepaid token {amount}',
  billPostpaid: 'PLN postpaid electricity bill',
  billOther: 'Electricity bill',
  // errors
  notFoundTitle: 'Page not found',
  notFound: 'There is nothing at this address.',
  errorTitle: 'Something went wrong',
  error: 'The shop could not handle this request.',
  // cdn page
  cdnTitle: 'Plain HTML checkout',
};

export type TextKey = keyof typeof en;

const id: Record<TextKey, string> = {
  shopName: 'Toko Pagi',
  tagline: 'Barang baik dari seluruh Nusantara',
  skip: 'Langsung ke konten',
  navMain: 'Utama',
  navShop: 'Belanja',
  navOrders: 'Pesanan',
  navListrik: 'Listrik',
  navBackOffice: 'Admin toko',
  viewShop: 'Lihat toko',
  listrikTitle: 'Bayar listrik dengan PayLater',
  listrikHeading: 'Bayar listrik dengan PayLater',
  listrikLead: 'Beli token listrik PLN prabayar atau bayar tagihan listrik pascabayar, lalu cicil pembayarannya. Masukkan nomor meter atau ID pelanggan: kami cek ke PLN dan menampilkan jumlah pastinya sebelum Anda memilih cicilan.',
  listrikFormHeading: 'Listrik Anda',
  listrikProviders: 'Tagihan dibayar dengan Kredivo, Akulaku, atau Indodana: jika PLN tidak dapat menyelesaikan pembayaran, pembayaran PayLater Anda otomatis dikembalikan penuh.',
  testNumbersHeading: 'Nomor untuk dicoba',
  testNumbersLead: 'Simulator offline memakai nomor pelanggan uji dari Xendit:',
  testPrepaidOk: 'Token: berhasil, Anda mendapat token 20 digit',
  testPostpaidOk: 'Tagihan pascabayar (pilih \u201cPLN Tagihan Listrik\u201d): berhasil, dengan bukti bayar; setelah dibayar, tagihan lunas (cek lagi akan mengatakannya)',
  testFails: 'Token: PLN menolaknya setelah Anda membayar, dan dana dikembalikan',
  backToListrik: 'Kembali ke listrik',
  billWhat: 'Tagihan',
  billOutcome: 'Pembayaran tagihan',
  billToken: 'Token',
  billReceipt: 'Bukti bayar',
  billFailedRefunded: 'Tidak dapat dibayar; pembayaran PayLater sudah dikembalikan penuh.',
  billFailedNoRefund: 'Tidak dapat dibayar; pengembalian dana ditolak: kembalikan secara manual.',
  billWaiting: 'Sedang dibayarkan ke PLN\u2026',
  navCart: 'Keranjang',
  language: 'Bahasa',
  demoNote: 'Toko demo: pembayaran masuk ke simulator Xendit offline. Tidak ada uang sungguhan.',
  footer: 'Toko Pagi adalah toko demo untuk paylater-checkout: PayLater saat checkout, dengan simulator Xendit offline.',
  footerCdn: 'Checkout yang sama di halaman HTML biasa (dalam bahasa Inggris)',
  shopTitle: 'Belanja',
  shopHeading: 'Belanja sekarang, bayar nanti',
  shopLead: 'Bayar dengan cicilan Kredivo, Akulaku, Atome, Indodana, atau UangMe saat checkout.',
  productsHeading: 'Produk',
  addToCart: 'Tambah ke keranjang',
  ordered: 'Keranjang Anda sebelumnya sudah dibayar. Terima kasih! Ini keranjang baru.',
  cartHeading: 'Keranjang Anda',
  cartEmpty: 'Keranjang Anda kosong. Tambahkan barang yang Anda suka.',
  quantity: 'Jumlah',
  decrease: 'Kurangi satu',
  increase: 'Tambah satu',
  remove: 'Hapus',
  subtotal: 'Subtotal',
  shipping: 'Ongkos kirim',
  free: 'Gratis',
  total: 'Total',
  checkout: 'Checkout',
  itemCount: '{count} barang',
  itemCountOne: '1 barang',
  checkoutTitle: 'Checkout',
  checkoutHeading: 'Checkout',
  payHeading: 'Bayar dengan cicilan',
  payLead: 'Bandingkan rencana cicilan dan pilih penyedia. Rencana akhir Anda konfirmasi di halaman penyedia.',
  summaryHeading: 'Ringkasan pesanan',
  orderRef: 'Pesanan {reference}',
  deliverTo: 'Dikirim ke',
  editCart: 'Ubah keranjang',
  cartGone: 'Keranjang ini tidak ditemukan, atau sudah dibayar.',
  backToShop: 'Kembali ke toko',
  returnTitle: 'Status pembayaran',
  returnHeading: 'Status pembayaran',
  keepShopping: 'Lanjut belanja',
  backToCart: 'Kembali ke keranjang',
  ordersTitle: 'Pesanan (admin toko)',
  ordersHeading: 'Pesanan',
  ordersLead: 'Untuk staf toko: setiap pesanan yang dilaporkan server pembayaran (companion paylater-checkout) lewat {payment}, satu kejadian per transaksi dan status; untuk listrik, juga token atau bukti bayar dari {bill}.',
  ordersEmpty: 'Belum ada pesanan. Bayar sebuah keranjang dan pesanan muncul di sini.',
  backOfficeTitle: 'Admin toko',
  backOfficeLocked: 'Halaman pesanan adalah halaman admin toko, khusus untuk stafnya. Untuk membukanya, pakai tautan pesanan yang dicetak di terminal tempat toko dijalankan (berakhiran ?key=\u2026).',
  placed: 'Dibuat',
  provider: 'Penyedia',
  amount: 'Jumlah',
  status: 'Status',
  items: 'Barang',
  history: 'Riwayat',
  charge: 'Transaksi',
  xenditStatus: 'Status Xendit',
  xenditCode: 'Kode Xendit',
  productCode: 'Kode produk',
  refund: 'Kembalikan dana',
  refundPending: 'Pengembalian dana diminta, menunggu konfirmasi Xendit\u2026',
  paidTwice: 'Dibayar dua kali',
  refundByHand: 'penyedia tidak menerima pengembalian dana lewat API: kembalikan secara manual',
  paidSuperseded: 'Dibayar untuk keranjang sebelumnya',
  paidCancelled: 'Dibayar setelah dibatalkan',
  amountMismatch: 'Dibayar, tetapi bukan sejumlah pesanan: periksa sebelum dikirim.',
  refundRequested: 'Pengembalian dana pesanan {reference} sudah diminta.',
  refundFailed: 'Pengembalian dana pesanan {reference} ditolak: {reason}',
  refundReasonByHand: 'penyedia ini tidak menerima pengembalian dana lewat Xendit; kembalikan dana pembeli secara manual.',
  refundReasonStatus: 'pembayaran ini tidak dapat dikembalikan dalam keadaannya sekarang (sudah dikembalikan, atau belum dibayar).',
  refundReasonUnreachable: 'Xendit tidak menjawab tepat waktu; coba lagi sebentar lagi.',
  refundReasonOther: 'Xendit tidak menerimanya; coba lagi nanti, atau kembalikan dana pembeli secara manual.',
  refundNotPaid: 'Pesanan {reference} tidak bisa dikembalikan dananya: belum dibayar.',
  statusSUCCEEDED: 'Dibayar',
  statusFAILED: 'Gagal',
  statusCANCELLED: 'Dibatalkan',
  statusREFUNDED: 'Dana dikembalikan',
  statusEXPIRED: 'Kedaluwarsa',
  statusVOIDED: 'Transaksi dibatalkan',
  statusPENDING: 'Menunggu',
  via_webhook: 'dilaporkan Xendit',
  via_refresh: 'dari pemeriksaan status',
  'via_back-office': 'dari admin toko',
  billPrepaid: 'Token listrik PLN prabayar {amount}',
  billPostpaid: 'Tagihan listrik PLN pascabayar',
  billOther: 'Tagihan listrik',
  notFoundTitle: 'Halaman tidak ditemukan',
  notFound: 'Tidak ada apa pun di alamat ini.',
  errorTitle: 'Terjadi kesalahan',
  error: 'Toko tidak dapat memproses permintaan ini.',
  cdnTitle: 'Checkout HTML biasa',
};

const TABLES: Record<Lang, Record<TextKey, string>> = { en, id };

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function isTextKey(key: string): key is TextKey {
  return key in en;
}

const money = new Map<Lang, Intl.NumberFormat>();

/** `Rp 1.250.000` (id) / `Rp 1,250,000` (en): IDR without decimals, like the widget. */
export function formatIdr(lang: Lang, amount: number): string {
  let format = money.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'currency', currency: 'IDR', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 0, maximumFractionDigits: 0 });
    money.set(lang, format);
  }
  return format.format(amount);
}

const numbers = new Map<Lang, Intl.NumberFormat>();

/** `34,6 kWh` (id) / `34.6 kWh` (en), like the widget; a value that is not a number stays as the biller wrote it. */
export function formatKwh(lang: Lang, kwh: string): string {
  const value = Number(kwh);
  if (kwh.trim() === '' || !Number.isFinite(value)) return `${kwh}\u00a0kWh`;
  let format = numbers.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    numbers.set(lang, format);
  }
  return `${format.format(value)}\u00a0kWh`;
}

export function formatDate(lang: Lang, at: number): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(at);
}
