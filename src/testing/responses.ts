/** Small helpers shared by the simulator's modules: JSON answers, Xendit errors, ids, escaping. */
import type * as z from 'zod';

/** Thrown inside a route to answer with a Xendit error. */
export class SimulatedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function xenditError(status: number, code: string, message: string, errors?: unknown[], headers: Record<string, string> = {}): Response {
  return json(status, errors === undefined ? { error_code: code, message } : { error_code: code, message, errors }, headers);
}

export const VALIDATION_MESSAGE = 'Inputs are failing validation. The errors field contains details about which fields are violating validation.';

export function validationError(errors: { path: string; message: string }[], message?: string): SimulatedError {
  return new SimulatedError(400, 'API_VALIDATION_ERROR', message ?? `${VALIDATION_MESSAGE} ${errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ')}`, errors);
}

export function zodErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => String(p)).join('.'),
    message: issue.message,
  }));
}

export function uuid(): string {
  return crypto.randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON with sorted keys, so two bodies that differ only in key order or spacing compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Number of decimals a currency's amounts carry. */
export function currencyDecimals(currency: string): number {
  return currency === 'IDR' ? 0 : 2;
}

export function formatMoney(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const locale = currency === 'IDR' ? 'id-ID' : currency === 'PHP' ? 'en-PH' : 'en';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

/** True when `amount` has at most `decimals` decimal places (tolerating binary floating point). */
export function hasAtMostDecimals(amount: number, decimals: number): boolean {
  const scaled = amount * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}
