/**
 * The texts of `<paylater-checkout>`, in English and Indonesian (the order of `LOCALES`): its own
 * table, added to the shared one when the element loads, so that a page with another element only
 * (a product page's `<paylater-message>`) does not carry them. Other languages register them with
 * the rest (`locales/`, `registerLocale`). Its rarely shown texts (why a provider is unavailable
 * for another reason than the amount, notices, errors) are in `error.messages.ts`.
 */
export const CHECKOUT_MESSAGES = {
  legend: ['Pay later with', 'Bayar nanti dengan'],
  orderTotal: ['Order total', 'Total pesanan'],
  sortBy: ['Sort by', 'Urutkan'],
  sortMonthly: ['Lowest monthly', 'Cicilan terendah'],
  sortTotal: ['Lowest total', 'Total terendah'],
  tenor: ['Plan', 'Tenor'],
  tenorAll: ['All', 'Semua'],
  interestFree: ['0% instalments', 'Cicilan 0%'],
  cheapest: ['Lowest total', 'Total terendah'],
  noTenor: ['No {tenor} plan', 'Tidak ada tenor {tenor}'],
  confirm: ['You choose the final plan on the provider\u2019s page, where it is approved.', 'Tenor final dipilih dan disetujui di halaman penyedia.'],
  confirmWith: ['You choose the final plan on {provider}\u2019s page, where it is approved.', 'Tenor final dipilih dan disetujui di halaman {provider}.'],
  choose: ['Choose a provider', 'Pilih penyedia'],
  continueWith: ['Continue with {provider}', 'Lanjut dengan {provider}'],
  // The button's words once a provider is chosen where no script can name it (server-rendered plans, JavaScript off).
  continueChosen: ['Continue', 'Lanjut'],
  submitting: ['Connecting to {provider}…', 'Menghubungkan ke {provider}…'],
  redirecting: ['Taking you to {provider}…', 'Mengarahkan Anda ke {provider}…'],
  loading: ['Loading PayLater options…', 'Memuat pilihan PayLater…'],
  empty: ['PayLater is not available for this order.', 'PayLater tidak tersedia untuk pesanan ini.'],
  reasonTooLow: ['Available from {amount}', 'Tersedia mulai {amount}'],
  reasonTooHigh: ['Available up to {amount}', 'Tersedia hingga {amount}'],
} satisfies Record<string, [en: string, id: string]>;
