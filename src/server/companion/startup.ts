/**
 * What the companion knows of its key at start: the Xendit mode a secret key is for (or why it is
 * not one), and the lines it logs once at construction. No answer or line holds the key.
 */
import type { CompanionOptions } from './options.js';

/** Test mode (a development key: Xendit's sandbox, no real money) or live mode (a production key). */
export type XenditMode = 'test' | 'live';

/**
 * Which Xendit mode a secret key is for, or why it is not a secret key. The answer never holds the
 * key, nor any part of it beyond its documented prefix.
 */
export function secretKeyMode(key: string): { mode: XenditMode } | { problem: string } {
  if (key !== key.trim()) return { problem: '`secretKey` starts or ends with white space (a line break from an env file?)' };
  if (/^xnd_development_\S+$/.test(key)) return { mode: 'test' };
  if (/^xnd_production_\S+$/.test(key)) return { mode: 'live' };
  if (key.startsWith('xnd_public_')) {
    return { problem: '`secretKey` must be a Xendit secret API key (xnd_development_… or xnd_production_…); a public key (xnd_public_…) cannot make charges' };
  }
  return { problem: '`secretKey` must be a Xendit secret API key (xnd_development_… or xnd_production_…, Xendit dashboard → Settings → API keys)' };
}

const isLocalHost = (host: string) => host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';

/**
 * What the companion says once at construction: the mode (info), and warnings for a configuration
 * that is clearly a mistake in live mode. No line holds a secret.
 */
export function startupNotes(options: CompanionOptions, mode: XenditMode): Array<{ level: 'info' | 'warn'; message: string; fields: Record<string, unknown> }> {
  const baseUrl = new URL(options.baseUrl ?? 'https://api.xendit.co').origin;
  const apiHost = new URL(baseUrl).hostname;
  const returnUrl = new URL(options.returnUrl);
  const notes: ReturnType<typeof startupNotes> = [
    {
      level: 'info',
      message: mode === 'live' ? 'xendit live mode (production key): charges move real money' : 'xendit test mode (development key): no real money moves',
      fields: { mode, base_url: baseUrl },
    },
  ];
  if (mode === 'live' && apiHost !== 'xendit.co' && !apiHost.endsWith('.xendit.co')) {
    notes.push({
      level: 'warn',
      message: 'a production key is sent to a baseUrl that is not Xendit: use a development key (xnd_development_…) with the simulator or any other stand-in',
      fields: { base_url: baseUrl },
    });
  }
  if (mode === 'live' && returnUrl.protocol !== 'https:' && !isLocalHost(returnUrl.hostname)) {
    notes.push({
      level: 'warn',
      message: 'live mode with a returnUrl on plain http: shoppers come back to an unencrypted page; serve it over https',
      fields: { return_url_origin: returnUrl.origin },
    });
  }
  return notes;
}
