/**
 * Small crypto helpers (no `node:` imports): base64url, HMAC, SHA-256, constant-time compare.
 * SHA-256 and HMAC are computed synchronously with @noble/hashes (audited, dependency-free, runs on
 * every runtime): every plans request fingerprints the order and signs a quote, and Web Crypto's
 * asynchronous dispatch cost far more than the hashing itself. Randomness stays Web Crypto's.
 */
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A key for `hmacSign` / `hmacVerify`: the secret's bytes, kept in the server's memory. */
export type HmacKey = Uint8Array;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TypeError('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A random token with `bytes` bytes of entropy, base64url. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(sha256(encoder.encode(text)));
}

export async function hmacKey(secret: string): Promise<HmacKey> {
  return encoder.encode(secret);
}

export async function hmacSign(key: HmacKey, data: string): Promise<Uint8Array> {
  return hmac(sha256, key, encoder.encode(data));
}

/** Verifies an HMAC in constant time. */
export async function hmacVerify(key: HmacKey, signature: Uint8Array, data: string): Promise<boolean> {
  return sameBytes(hmac(sha256, key, encoder.encode(data)), signature);
}

/** Equal bytes, compared in time that depends only on the length (which is public: 32 bytes). */
function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let diff = 0;
  for (let i = 0; i < left.length; i += 1) diff |= left[i]! ^ right[i]!;
  return diff === 0;
}

/**
 * Compares two strings in time that does not depend on where they differ: both are hashed first,
 * so lengths and contents leak nothing through timing.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  return sameBytes(sha256(encoder.encode(a)), sha256(encoder.encode(b)));
}

/** JSON with object keys sorted, so equal data always gives equal text (for fingerprints). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
