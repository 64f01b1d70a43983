/**
 * Languages beyond the built-in English and Indonesian, and merchants' own wording:
 * `registerLocale('th', { ... })` (what the files in `locales/` do). One table per page, on
 * `globalThis.paylaterLocales`, so that a locale file loaded as a classic script and the elements
 * loaded as a module (or from two bundles) share it.
 */
import type { Messages } from './i18n.js';

type Table = Record<string, Partial<Messages>>;

/** Registered texts by language (lower case), then message key. */
export const added: Table = ((globalThis as { paylaterLocales?: Table }).paylaterLocales ??= {});

/**
 * Adds a language, or changes texts of one (including `en` and `id`): texts by message key; a key
 * left out is shown as before (in English for a new language). Call it before the elements render.
 */
export function registerLocale(lang: string, texts: Partial<Messages>): void {
  const key = lang.toLowerCase();
  added[key] = { ...added[key], ...texts };
}
