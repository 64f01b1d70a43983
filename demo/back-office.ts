/**
 * The shop's back office (`/orders` and its actions: every order, every charge, the Refund button)
 * is for the shop's staff only. The demo keeps it behind one secret key:
 * - the key is random at each start (or `DEMO_ADMIN_TOKEN`), and `npm start` prints the link
 *   `/orders?key=…`;
 * - opening that link gives the browser an HttpOnly, SameSite=Strict cookie and sends it on to
 *   `/orders` (the key leaves the address bar);
 * - every back-office request needs the cookie (else 401), and every POST also an `Origin` of the
 *   shop itself (else 403), so another site cannot make a signed-in browser press Refund.
 * A real shop signs its staff in with their own accounts; the checks on each request stay the same.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'toko_back_office';
const KEY = /^[A-Za-z0-9_-]{16,128}$/;

export function isBackOffice(path: string): boolean {
  return path === '/orders' || path.startsWith('/orders/');
}

export function createBackOffice(configured?: string) {
  if (configured !== undefined && !KEY.test(configured)) {
    throw new TypeError('The back office key (DEMO_ADMIN_TOKEN) must be 16 to 128 letters, digits, "-" or "_".');
  }
  const key = configured ?? randomBytes(24).toString('base64url');
  const expected = digest(key);
  /** Compared in constant time, so the answer's timing tells nothing about the key. */
  const matches = (candidate: string | null | undefined) => !!candidate && timingSafeEqual(digest(candidate), expected);
  return {
    key,
    matches,
    /** The cookie the link sets: sent back only to `/orders…` of this host, never by another site, never readable by scripts. */
    setCookie: `${COOKIE}=${key}; Path=/orders; HttpOnly; SameSite=Strict`,
    signedIn: (req: IncomingMessage) => matches(cookie(req, COOKIE)),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
