/**
 * The words of the options' table (`renderTable`, `renderOption` in `checkout.view.ts`), in English
 * and Indonesian: added by `<paylater-checkout>` and by `<paylater-message>`'s dialog, the two that
 * draw it. Other languages register them with the rest (`locales/`, `registerLocale`).
 */
export const OPTIONS_MESSAGES = {
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
} satisfies Record<string, [en: string, id: string]>;
