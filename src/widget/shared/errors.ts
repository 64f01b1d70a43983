/** Which words the shopper sees for each error code. */
import { PaylaterError } from './client.js';
import { PaylaterErrorEvent, type PaylaterErrorDetail } from './events.js';
import { message, type MessageKey } from './i18n.js';

/** Codes not listed here: a 5xx is "busy, try again" (`errUnavailable`), anything else `errGeneric`. */
const MESSAGES: Record<string, MessageKey> = {
  NETWORK_ERROR: 'errNetwork',
  CHECKOUT_NOT_FOUND: 'errNotFound',
  RATE_LIMITED: 'errRateLimited',
  PROVIDER_UNAVAILABLE: 'errUnavailable',
  NO_PROVIDER_AVAILABLE: 'noneAvailable',
  CONFLICT: 'errConflict',
  ALREADY_PAID: 'paid',
  CHECKOUT_CHANGED: 'changed',
  QUOTE_EXPIRED: 'expired',
  QUOTE_INVALID: 'expired',
  PLAN_NOT_IN_QUOTE: 'expired',
  STATUS_TOKEN_INVALID: 'notFound',
  NO_TOKEN: 'noToken',
};

export function errorMessage(error: PaylaterError): MessageKey {
  return MESSAGES[error.code] ?? (error.status >= 500 ? 'errUnavailable' : 'errGeneric');
}

export function toPaylaterError(error: unknown): PaylaterError {
  if (error instanceof PaylaterError) return error;
  return new PaylaterError('INTERNAL', 0, error instanceof Error ? error.message : String(error));
}

/** The `paylater-error` event for an error, with the message the shopper sees. */
export function errorEvent(error: PaylaterError, stage: PaylaterErrorDetail['stage'], locale: string): PaylaterErrorEvent {
  return new PaylaterErrorEvent({
    code: error.code,
    status: error.status,
    // A rarely shown text not loaded yet: the generic one.
    message: message(locale, errorMessage(error)) || message(locale, 'errGeneric'),
    stage,
    ...(error.requestId ? { requestId: error.requestId } : {}),
  });
}
