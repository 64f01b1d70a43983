/**
 * The texts a shopper rarely sees, in English and Indonesian: errors (busy, too many attempts, not
 * found), notices (the order changed, the plans expired, already paid) and the rarer reasons a
 * provider is unavailable. Kept out of the elements' own tables so that `paylater-checkout.js`
 * carries only what every page shows: `message()` loads them the first time one is asked for
 * (`texts.load`, set by the entry points; `error-texts.ts` adds them).
 */
export const ERROR_MESSAGES = {
  noneAvailable: ['No PayLater provider can take this order right now.', 'Saat ini tidak ada penyedia PayLater untuk pesanan ini.'],
  changed: ['Your order changed, so the amounts were updated. Please choose again.', 'Pesanan Anda berubah, jadi jumlahnya diperbarui. Silakan pilih lagi.'],
  expired: ['The plans expired and were refreshed. Please choose again.', 'Pilihan cicilan sudah kedaluwarsa dan diperbarui. Silakan pilih lagi.'],
  errNotFound: ['This checkout was not found. Please go back to your cart.', 'Checkout ini tidak ditemukan. Silakan kembali ke keranjang Anda.'],
  paid: ['This order is already paid.', 'Pesanan ini sudah dibayar.'],
  reasonCurrency: ['Not available for {currency}', 'Tidak tersedia untuk {currency}'],
  reasonNotEnabled: ['Not offered by this shop', 'Tidak disediakan toko ini'],
  reasonOther: ['Not available', 'Tidak tersedia'],
  reasonTemporary: ['Temporarily unavailable', 'Sementara tidak tersedia'],
  reasonNoPlans: ['No plans for this order', 'Tidak ada pilihan cicilan untuk pesanan ini'],
  errUnavailable: ['The payment service is busy. Please try again shortly.', 'Layanan pembayaran sedang sibuk. Silakan coba lagi sebentar lagi.'],
  errRateLimited: ['Too many attempts. Please wait a moment and try again.', 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.'],
  errConflict: ['Your payment is still being prepared. Please try again in a moment.', 'Pembayaran Anda masih disiapkan. Silakan coba lagi sebentar lagi.'],
} satisfies Record<string, [en: string, id: string]>;
