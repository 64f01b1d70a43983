/**
 * The texts of `<paylater-status>`, in English and Indonesian (the order of `LOCALES`): its own
 * table, added to the shared one when the element loads, so that a page with the checkout only
 * does not carry them. Other languages register them with the rest (`locales/`, `registerLocale`).
 */
export const STATUS_MESSAGES = {
  checking: ['Checking your payment…', 'Memeriksa pembayaran Anda…'],
  pendingTitle: ['Waiting for confirmation', 'Menunggu konfirmasi'],
  pending: ['Waiting for {provider} to confirm your payment of {amount}. This page updates itself.', 'Menunggu {provider} mengonfirmasi pembayaran Anda sebesar {amount}. Halaman ini diperbarui otomatis.'],
  slow: ['This is taking longer than usual. Check again in a few minutes.', 'Ini lebih lama dari biasanya. Periksa lagi dalam beberapa menit.'],
  succeededTitle: ['Payment confirmed', 'Pembayaran berhasil'],
  succeeded: ['Your payment of {amount} with {provider} is confirmed.', 'Pembayaran Anda sebesar {amount} dengan {provider} sudah dikonfirmasi.'],
  failedTitle: ['Payment not completed', 'Pembayaran tidak selesai'],
  failed: ['Your payment with {provider} did not go through. Go back to your cart to try again.', 'Pembayaran Anda dengan {provider} tidak berhasil. Kembali ke keranjang untuk mencoba lagi.'],
  refundedTitle: ['Payment refunded', 'Pembayaran dikembalikan'],
  refunded: ['Your payment of {amount} with {provider} was refunded.', 'Pembayaran Anda sebesar {amount} dengan {provider} sudah dikembalikan.'],
  noToken: ['No payment to show here.', 'Tidak ada pembayaran untuk ditampilkan.'],
  notFound: ['This payment was not found.', 'Pembayaran ini tidak ditemukan.'],
  checkAgain: ['Check again', 'Periksa lagi'],
} satisfies Record<string, [en: string, id: string]>;
