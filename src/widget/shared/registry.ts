/**
 * Languages beyond the built-in English and Indonesian, and merchants' own wording:
 * `registerLocale('th', { ... })` (what the files in `locales/` do). One table per page, on
 * `globalThis.paylaterLocales`, so that a locale file loaded as a classic script and the elements
 * loaded as a module (or from two bundles) share it.
 */
import type { BillMessages } from '../components/bill-inquiry/bill.messages.js';
import type { Messages } from './i18n.js';

/**
 * What a language may set: the texts of the elements (`Messages`), and those of the bills
 * (`<paylater-bill-inquiry>` and a bill on `<paylater-status>`) under `bill.<key>`.
 */
export type Texts = Partial<Messages> & Partial<BillMessages>;

type Table = Record<string, Texts>;

/** Registered texts by language (lower case), then message key. */
export const added: Table = ((globalThis as { paylaterLocales?: Table }).paylaterLocales ??= {});

/** The language of a BCP 47 tag, as texts are kept: `id-ID` → `id`, `fil-PH` and `tl` → `fil`. */
export function languageOf(tag: string): string {
  const lang = tag.toLowerCase().split(/[-_]/)[0]!;
  return lang === 'tl' ? 'fil' : lang;
}

/**
 * Adds a language, or changes texts of one (including `en` and `id`): texts by message key; a key
 * left out is shown as before (in English for a new language). A region is ignored (`en-SG` changes
 * `en`). Call it before the elements render (a file: load it before the bundle).
 */
export function registerLocale(lang: string, texts: Texts): void {
  const key = languageOf(lang);
  added[key] = { ...added[key], ...texts };
}
