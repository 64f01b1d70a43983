/**
 * The texts of `<paylater-status>`, in English and Indonesian (the order of `LOCALES`): its own
 * table, added to the shared one when the element loads, so that a page with the checkout only
 * does not carry them. Other languages register them with the rest (`locales/`, `registerLocale`).
 * Each outcome says what happened, what it means for the shopper's money and PayLater limit, and
 * what comes next.
 */
export const STATUS_MESSAGES = {
  checking: ['Checking your payment…', 'Memeriksa pembayaran Anda…'],
  pendingTitle: ['Waiting for confirmation', 'Menunggu konfirmasi'],
  pending: ['Waiting for {provider} to confirm your payment of {amount}. This page updates itself.', 'Menunggu {provider} mengonfirmasi pembayaran Anda sebesar {amount}. Halaman ini diperbarui otomatis.'],
  slow: ['This is taking longer than usual. Check again in a few minutes.', 'Ini lebih lama dari biasanya. Periksa lagi dalam beberapa menit.'],
  succeededTitle: ['Payment confirmed', 'Pembayaran berhasil'],
  succeeded: [
    '{provider} approved your payment of {amount}. Your payment schedule is in the {provider} app, and the shop will now process your order.',
    '{provider} telah menyetujui pembayaran Anda sebesar {amount}. Jadwal pembayarannya bisa Anda lihat di aplikasi {provider}, dan toko akan segera memproses pesanan Anda.',
  ],
  refundedTitle: ['Payment refunded', 'Pembayaran dikembalikan'],
  refunded: [
    'Your {provider} payment of {amount} was refunded in full. Your {provider} credit limit is restored and you owe nothing for it.',
    'Pembayaran {provider} Anda sebesar {amount} sudah dikembalikan penuh. Limit kredit {provider} Anda sudah pulih dan tidak ada tagihan yang perlu Anda bayar.',
  ],
  noToken: ['No payment to show here.', 'Tidak ada pembayaran untuk ditampilkan.'],
  notFound: ['This payment was not found.', 'Pembayaran ini tidak ditemukan.'],
  checkAgain: ['Check again', 'Periksa lagi'],
  cancelledTitle: ['Payment cancelled', 'Dibatalkan'],
  cancelled: [
    'Your payment with {provider} was cancelled, so nothing was charged. You can pay with another PayLater provider instead.',
    'Pembayaran dengan {provider} dibatalkan, jadi Anda tidak dikenai biaya apa pun. Anda bisa membayar dengan PayLater lain.',
  ],
  declinedTitle: ['Not approved by {provider}', 'Tidak disetujui oleh {provider}'],
  declined: [
    '{provider} did not approve this payment, so nothing was charged. You can pay with another PayLater provider instead.',
    '{provider} tidak menyetujui pembayaran ini, jadi Anda tidak dikenai biaya apa pun. Anda bisa membayar dengan PayLater lain.',
  ],
  tryOther: ['Choose another PayLater', 'Pilih PayLater lain'],
  refundingTitle: ['Refund under way', 'Dana sedang dikembalikan'],
  refunding: [
    'Your order did not need this {provider} payment of {amount}, so it is being refunded in full. Your {provider} credit limit will be restored and you will owe nothing for it.',
    'Pesanan Anda tidak memerlukan pembayaran {provider} sebesar {amount} ini, jadi pembayaran ini sedang dikembalikan penuh. Limit kredit {provider} Anda akan pulih dan tidak ada tagihan yang perlu Anda bayar.',
  ],
  refundedPart: [
    '{refunded} of your {provider} payment of {amount} was refunded, and that much of your {provider} credit limit is restored. The rest stays in your payment schedule.',
    'Sebesar {refunded} dari pembayaran {provider} Anda ({amount}) sudah dikembalikan, dan limit kredit {provider} Anda pulih sebesar itu. Sisanya tetap ada di jadwal pembayaran Anda.',
  ],
} satisfies Record<string, [en: string, id: string]>;
