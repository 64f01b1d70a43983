/**
 * The texts of `<paylater-in-app-note>`, in English and Indonesian (the order of `LOCALES`): added
 * to the shared table when the note loads, which happens only in an in-app browser, so the
 * checkout's file does not carry them. Other languages register them with the rest (`locales/`).
 */
export const IN_APP_MESSAGES = {
  inAppNote: [
    'You\u2019re in {app}\u2019s browser, where the provider\u2019s app may not open. To pay in the app, open this page in your browser.',
    'Anda sedang di browser {app}, yang mungkin tidak bisa membuka aplikasi penyedia. Untuk membayar lewat aplikasinya, buka halaman ini di browser Anda.',
  ],
  inAppThisApp: ['this app', 'aplikasi ini'],
  inAppOpen: ['Open in browser', 'Buka di browser'],
  inAppHowTo: [
    'Tap the \u2022\u2022\u2022 menu and choose to open the page in your browser, or copy the link and paste it in Safari.',
    'Ketuk menu \u2022\u2022\u2022 lalu pilih buka di browser, atau salin tautan dan tempel di Safari.',
  ],
  inAppCopy: ['Copy link', 'Salin tautan'],
  inAppCopied: ['Link copied. Paste it in your browser\u2019s address bar.', 'Tautan disalin. Tempel di kolom alamat browser Anda.'],
  inAppCopyManual: ['Copy this link:', 'Salin tautan ini:'],
} satisfies Record<string, [en: string, id: string]>;
