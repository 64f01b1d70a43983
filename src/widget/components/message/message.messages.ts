/**
 * The texts of `<paylater-message>`, in English and Indonesian (the order of `LOCALES`): its own
 * tables, added to the shared one when the element (the line) and its dialog load. Other languages
 * register them with the rest (`locales/`, `registerLocale`).
 */
export const MESSAGE_MESSAGES = {
  msgFrom: ['or from {amount}/month with {providers}', 'atau cicil mulai {amount}/bln dengan {providers}'],
  msgFromFree: ['or 0% instalments from {amount}/month with {providers}', 'atau cicilan 0% mulai {amount}/bln dengan {providers}'],
  msgOnce: ['or pay {amount} in 30 days with {providers}', 'atau bayar {amount} dalam 30 hari dengan {providers}'],
  msgTooLow: ['PayLater from {amount}', 'PayLater tersedia mulai {amount}'],
  msgTooHigh: ['PayLater up to {amount}', 'PayLater tersedia hingga {amount}'],
  msgSee: ['See plans', 'Lihat pilihan'],
} satisfies Record<string, [en: string, id: string]>;

/** The texts of its "See plans" dialog: with the dialog's code (`message.dialog.ts`), which adds them. */
export const MESSAGE_DIALOG_MESSAGES = {
  msgTitle: ['PayLater plans for {amount}', 'Pilihan cicilan untuk {amount}'],
  msgEstimate: ['Estimates; the provider confirms the final plan.', 'Perkiraan; penyedia mengonfirmasi tenor final.'],
  msgClose: ['Close', 'Tutup'],
} satisfies Record<string, [en: string, id: string]>;
