/**
 * The quote: a signed, expiring token the companion hands to the browser with the plans. It binds
 * the plan ids to the order (checkout, reference, amount, currency, a fingerprint of the cart) so
 * the browser can choose a plan but never change what is paid for. Format:
 * `v1.<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`. Stateless: any instance with the same
 * `signingSecret` can verify it.
 */
import { CompanionError } from './errors.js';
import { base64url, fromBase64url, hmacSign, hmacVerify } from './crypto.js';

export interface QuotePayload {
  /** The merchant's checkout handle, as the widget sent it. */
  checkout: string;
  reference_id: string;
  amount: number;
  currency: string;
  /** SHA-256 of the canonical order (amount, currency, items, customer). */
  fingerprint: string;
  /** plan id → channel code */
  plans: Record<string, string>;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function signQuote(key: CryptoKey, payload: QuotePayload): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  const signed = `v1.${body}`;
  return `${signed}.${base64url(await hmacSign(key, signed))}`;
}

const invalid = () => new CompanionError(400, 'QUOTE_INVALID', 'This checkout session is not valid. Please reload the payment options.');

export async function verifyQuote(key: CryptoKey, quote: string, now = Date.now()): Promise<QuotePayload> {
  const parts = quote.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') throw invalid();
  const [version, body, signature] = parts as [string, string, string];
  let ok = false;
  try {
    ok = await hmacVerify(key, fromBase64url(signature), `${version}.${body}`);
  } catch {
    ok = false;
  }
  // One spelling per signature: base64url's last character has unused bits, which must be zero.
  if (!ok || base64url(fromBase64url(signature)) !== signature) throw invalid();
  let payload: QuotePayload;
  try {
    payload = JSON.parse(decoder.decode(fromBase64url(body))) as QuotePayload;
  } catch {
    throw invalid();
  }
  if (typeof payload?.exp !== 'number' || typeof payload.plans !== 'object' || payload.plans === null) throw invalid();
  if (payload.exp <= now) {
    throw new CompanionError(410, 'QUOTE_EXPIRED', 'These payment options have expired. Please choose again.');
  }
  return payload;
}
