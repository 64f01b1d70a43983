/**
 * Imported first by every widget test, before Lit loads: silences Lit's one-time "dev mode" notice
 * and records every other `console.warn` (Lit's dev-mode warnings, such as an update scheduled
 * after an update completed), so `expectNoWarnings()` can fail a test that caused one.
 */
const global = globalThis as typeof globalThis & { litIssuedWarnings?: Set<string> };
global.litIssuedWarnings ??= new Set();
global.litIssuedWarnings.add('dev-mode');

export const warnings: string[] = [];

const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  warnings.push(args.map(String).join(' '));
  warn(...args);
};

/** Fails with the warnings seen since the last call, and forgets them. */
export function takeWarnings(): string[] {
  return warnings.splice(0);
}
