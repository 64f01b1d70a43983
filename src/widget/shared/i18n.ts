/**
 * The message table (each text in every locale), and the locale choice: the `locale` attribute,
 * else the nearest `lang` (the page's), else the browser's languages, falling back from `id-ID` to
 * `id` and finally to English. Other languages are added with `registerLocale` (`registry.ts`).
 */
import { added, languageOf } from './registry.js';
import type { CHECKOUT_MESSAGES } from '../components/checkout/checkout.messages.js';
import type { OPTIONS_MESSAGES } from '../components/checkout/options.messages.js';
import type { IN_APP_MESSAGES } from '../components/checkout/in-app-note.messages.js';
import type { MESSAGE_DIALOG_MESSAGES, MESSAGE_MESSAGES } from '../components/message/message.messages.js';
import type { STATUS_MESSAGES } from '../components/status/status.messages.js';
import type { ERROR_MESSAGES } from './error.messages.js';

export type Params = Record<string, string | number>;

/** Languages with a built-in message table; each text below lists its translations in this order. */
export const LOCALES = ['en', 'id'];

/**
 * The texts every element may show, in English and Indonesian: the way to retry, with a reference,
 * and the errors of any call. The rest is in tables of their own, each added with `addMessages` by
 * the code that shows it, so that a file carries only the texts of what is in it: the checkout's
 * (`checkout.messages.ts`), the options' table that the checkout and the message's dialog draw
 * (`options.messages.ts`), `<paylater-status>`'s and `<paylater-message>`'s.
 */
export const MESSAGES = {
  retry: ['Try again', 'Coba lagi'],
  reference: ['Reference: {id}', 'Referensi: {id}'],
  errNetwork: ['Could not reach the payment service. Check your connection and try again.', 'Tidak dapat terhubung ke layanan pembayaran. Periksa koneksi Anda dan coba lagi.'],
  errGeneric: ['Something went wrong. Please try again.', 'Terjadi kesalahan. Silakan coba lagi.'],
} satisfies Record<string, [en: string, id: string]>;

/** Every key: the shared texts, and those of the checkout, the options' table, the in-app note, the status and the message. */
export type MessageKey =
  | keyof typeof MESSAGES
  | keyof typeof CHECKOUT_MESSAGES
  | keyof typeof OPTIONS_MESSAGES
  | keyof typeof IN_APP_MESSAGES
  | keyof typeof STATUS_MESSAGES
  | keyof typeof MESSAGE_MESSAGES
  | keyof typeof MESSAGE_DIALOG_MESSAGES
  | keyof typeof ERROR_MESSAGES;

/** The built-in texts (English, Indonesian) by key: this table, and each element's own once it loads. */
const builtIn: Record<string, readonly string[]> = { ...MESSAGES };

/** Adds an element's own built-in texts (each in every language of `LOCALES`). */
export function addMessages(table: Record<string, readonly string[]>): void {
  Object.assign(builtIn, table);
}

/** Every text of a language, by key: what a file in `locales/` registers. */
export type Messages = Record<MessageKey, string>;

/**
 * The supported language a BCP 47 tag falls back to (`id-ID` → `id`; `tl` → `fil`), built in or
 * registered, or undefined.
 */
export function matchLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lang = languageOf(tag);
  return LOCALES.includes(lang) || added[lang] ? lang : undefined;
}

/**
 * The language an element speaks: its `locale`, else the nearest `lang` attribute (crossing shadow
 * roots), else the browser's preferred languages, else English.
 */
export function resolveLocale(explicit: string | undefined, element: Element): string {
  const fromAttribute = matchLocale(explicit);
  if (fromAttribute) return fromAttribute;
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const lang = node.getAttribute('lang');
      // An unsupported page language still falls through to the browser's choice.
      const match = matchLocale(lang);
      if (match) return match;
      break;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

/** `text` with its `{name}` placeholders filled in (a function, so `$&` in a value stays as it is). */
export function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The text of `texts` (one per `LOCALES` entry) in `locale`, English when there is none. */
export function pickLocale(texts: readonly string[], locale: string): string {
  return texts[Math.max(LOCALES.indexOf(locale), 0)]!;
}

/**
 * How the rarely shown texts (`error.messages.ts`) are loaded the first time one is asked for: set
 * by the entry points (the CDN file fetches `paylater-errors.js` beside it); the texts' built-in
 * languages only, a registered language has them already.
 */
export const texts: { load?: () => Promise<unknown> } = {};
let loading: Promise<unknown> | undefined;
/** They could not be loaded: the generic words instead, and no second try on this page. */
let failed = false;

/**
 * A message with `{name}` placeholders filled in: the registered text first, then the built-in
 * one. A text not loaded yet is '' meanwhile: once it is there, `paylater-texts` on `window` tells
 * the elements to draw again (with the generic "Something went wrong" where the load failed).
 */
export function message(locale: string, key: MessageKey, params?: Params): string {
  const text = added[locale]?.[key] ?? builtIn[key];
  if (!text) {
    loading ??= texts.load?.()
      .catch(() => (failed = true))
      .then(() => globalThis.dispatchEvent?.(new Event('paylater-texts')));
    return failed ? message(locale, 'errGeneric') : '';
  }
  return fill(typeof text == 'string' ? text : pickLocale(text, locale), params);
}
