/** The shop's own words, in English and Indonesian. The widget has its own tables and follows `<html lang>`. */
import type { Lang } from './catalog.js';

const en = {
  shopName: 'Toko Pagi',
  tagline: 'Good things from across the archipelago',
  skip: 'Skip to content',
  navMain: 'Main',
  navShop: 'Shop',
  navOrders: 'Orders',
  navCart: 'Cart',
  language: 'Language',
  demoNote: 'Demo shop: payments go to an offline Xendit simulator. No real money moves.',
  footer: 'Toko Pagi is a demo of paylater-checkout: the <paylater-checkout> and <paylater-status> elements, the companion and the Xendit simulator.',
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
  payLaterHint: 'Split it into instalments at checkout.',
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
  seeOrders: 'See your order',
  keepShopping: 'Continue shopping',
  backToCart: 'Back to your cart',
  // orders
  ordersTitle: 'Orders',
  ordersHeading: 'Orders',
  ordersLead: 'What the shop learnt from the companion\u2019s onPaymentEvent hook: one event per charge and status.',
  ordersEmpty: 'No orders yet. Pay for a cart and it shows up here.',
  placed: 'Placed',
  provider: 'Provider',
  amount: 'Amount',
  status: 'Status',
  items: 'Items',
  history: 'Events',
  charge: 'Charge',
  refund: 'Refund',
  refundPending: 'Refund requested, waiting for Xendit\u2019s confirmation\u2026',
  refundRequested: 'Refund of order {reference} requested.',
  refundFailed: 'The refund of order {reference} was refused: {message}',
  refundNotPaid: 'Order {reference} cannot be refunded: it is not paid.',
  statusSUCCEEDED: 'Paid',
  statusFAILED: 'Failed',
  statusCANCELLED: 'Cancelled',
  statusREFUNDED: 'Refunded',
  statusEXPIRED: 'Expired',
  statusVOIDED: 'Voided',
  statusPENDING: 'Pending',
  via_webhook: 'Xendit callback',
  via_refresh: 'status check',
  'via_back-office': 'back office',
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
  navCart: 'Keranjang',
  language: 'Bahasa',
  demoNote: 'Toko demo: pembayaran masuk ke simulator Xendit offline. Tidak ada uang sungguhan.',
  footer: 'Toko Pagi adalah demo paylater-checkout: elemen <paylater-checkout> dan <paylater-status>, companion, dan simulator Xendit.',
  footerCdn: 'Checkout yang sama di halaman HTML biasa',
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
  payLaterHint: 'Bagi menjadi cicilan saat checkout.',
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
  seeOrders: 'Lihat pesanan Anda',
  keepShopping: 'Lanjut belanja',
  backToCart: 'Kembali ke keranjang',
  ordersTitle: 'Pesanan',
  ordersHeading: 'Pesanan',
  ordersLead: 'Yang diketahui toko dari hook onPaymentEvent milik companion: satu kejadian per transaksi dan status.',
  ordersEmpty: 'Belum ada pesanan. Bayar sebuah keranjang dan pesanan muncul di sini.',
  placed: 'Dibuat',
  provider: 'Penyedia',
  amount: 'Jumlah',
  status: 'Status',
  items: 'Barang',
  history: 'Kejadian',
  charge: 'Transaksi',
  refund: 'Kembalikan dana',
  refundPending: 'Pengembalian dana diminta, menunggu konfirmasi Xendit\u2026',
  refundRequested: 'Pengembalian dana pesanan {reference} sudah diminta.',
  refundFailed: 'Pengembalian dana pesanan {reference} ditolak: {message}',
  refundNotPaid: 'Pesanan {reference} tidak bisa dikembalikan dananya: belum dibayar.',
  statusSUCCEEDED: 'Dibayar',
  statusFAILED: 'Gagal',
  statusCANCELLED: 'Dibatalkan',
  statusREFUNDED: 'Dana dikembalikan',
  statusEXPIRED: 'Kedaluwarsa',
  statusVOIDED: 'Dibatalkan (void)',
  statusPENDING: 'Menunggu',
  via_webhook: 'callback Xendit',
  via_refresh: 'pemeriksaan status',
  'via_back-office': 'back office',
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

export function formatDate(lang: Lang, at: number): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(at);
}
