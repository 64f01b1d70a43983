/** Request reading and CORS for the companion core (fetch API only, no `node:`). */
import type * as z from 'zod';
import { CompanionError } from './errors.js';

/** Reads a JSON body: content type checked, size capped while streaming, parse errors reported. */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const text = await readText(request, limit, /^application\/(?:[\w.+-]+\+)?json\b/i, 'application/json');
  try {
    return JSON.parse(text);
  } catch {
    throw new CompanionError(400, 'INVALID_REQUEST', 'The request body is not valid JSON.');
  }
}

/** Reads an HTML form's body (`application/x-www-form-urlencoded`), as `readJson` does JSON. */
export async function readForm(request: Request, limit: number): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(request, limit, /^application\/x-www-form-urlencoded\b/i, 'application/x-www-form-urlencoded'));
}

/** The body as text: its content type checked against `type`, size capped while streaming, UTF-8 checked. */
async function readText(request: Request, limit: number, type: RegExp, typeName: string): Promise<string> {
  if (!type.test((request.headers.get('content-type') ?? '').trim())) {
    throw new CompanionError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the request body as ${typeName}.`);
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) throw new CompanionError(400, 'INVALID_REQUEST', 'The request body is empty.');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      // The client went away mid-upload (or sent a broken frame): nobody waits for an answer.
      throw new CompanionError(400, 'INVALID_REQUEST', 'The request body could not be read.');
    }
    const { done, value } = step;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CompanionError(400, 'INVALID_REQUEST', 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new CompanionError(400, 'INVALID_REQUEST', 'The request body is empty.');
  return text;
}

function tooLarge(limit: number) {
  return new CompanionError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
}

/** Parses with a zod schema; a mismatch is a 400 naming the first bad field (never echoing its value). */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'body';
  throw new CompanionError(400, 'INVALID_REQUEST', `Invalid request: ${field}: ${issue.message}`);
}

export interface CorsDecision {
  /** False when a browser page on an origin that is not the shop's (`returnUrl`) nor in `allowedOrigins` sent this. */
  allowed: boolean;
  /** The refused origin, for the log line. */
  refused?: string;
  headers: Record<string, string>;
}

/**
 * The origin check. `allowedOrigins` comes from configuration only: the request's own URL (built
 * from its `Host` header, which the client chooses) never makes an origin "our own", so a page on
 * a rebound DNS name or a forged Host is refused.
 */
export function cors(request: Request, allowedOrigins: Set<string>): CorsDecision {
  const origin = request.headers.get('origin');
  if (origin === null) return { allowed: true, headers: {} };
  // A form posted from a page served with `Referrer-Policy: no-referrer` (helmet's default) says
  // `Origin: null`. The browser's `Sec-Fetch-Site`, which no page can write, still says whether the
  // page is on the companion's own origin: then it is one of the shop's pages (or, on a rebound DNS
  // name, a page without the shop's cookies, no more than a request from a server).
  if (origin === 'null' && request.headers.get('sec-fetch-site') === 'same-origin') return { allowed: true, headers: {} };
  const headers: Record<string, string> = { vary: 'Origin' };
  if (!allowedOrigins.has(origin)) return { allowed: false, refused: origin, headers };
  headers['access-control-allow-origin'] = origin;
  headers['access-control-expose-headers'] = 'x-request-id, retry-after';
  return { allowed: true, headers };
}

export function preflightHeaders(decision: CorsDecision): Record<string, string> {
  return {
    ...decision.headers,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
  };
}
