/** An element rendered on the server: its tag, a declarative shadow root with its styles, and the data its script takes. */
import type { CSSResult } from 'lit';
import { escapeHtml, renderToString } from './to-string.js';

export interface ElementHtml {
  tag: string;
  /** Attributes; undefined ones are left out, '' ones are written bare. */
  attributes: Record<string, string | undefined>;
  /** The element's style sheets (its `static styles`), and CSS for a browser without JavaScript. */
  styles: CSSResult[];
  noScript?: string;
  /** CSS for the time before the element's script runs (`:host(:not(:defined))` rules). */
  beforeScript?: string;
  /** What the element's `render()` returns. */
  content: unknown;
  /** The answer the element takes instead of asking (JSON in a `<script type="application/json">`). */
  data?: unknown;
  /** The page's `Content-Security-Policy` nonce for the `<style>`s. */
  nonce?: string | undefined;
  /** HTML inside the element, as given (slots). */
  light?: string | undefined;
}

/** A `style-src` source for a `<style>`'s text: `'sha256-…'`. */
async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/** CSS without its comments and formatting (what the CDN build does to the elements' styles). */
const compact = (css: string) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .trim();

/** The element's markup, and the `style-src` hashes of its `<style>`s (for a policy without nonces). */
export async function elementHtml(e: ElementHtml): Promise<{ html: string; styleHashes: string[] }> {
  const css = compact(e.styles.map((sheet) => sheet.cssText).join('\n')) + (e.beforeScript ?? '');
  const nonce = e.nonce ? ` nonce="${escapeHtml(e.nonce)}"` : '';
  const attributes = Object.entries(e.attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (!/^[a-z][\w:.-]*$/i.test(name)) throw new TypeError(`render: "${name}" is no attribute name`);
      return [name, value] as const;
    })
    .map(([name, value]) => ` ${name}${value === '' ? '' : `="${escapeHtml(value)}"`}`)
    .join('');
  // `<` escaped, so that no text in the data can end the script element.
  const data = e.data === undefined ? '' : `<script type="application/json">${JSON.stringify(e.data).replace(/</g, '\\u003c')}</script>`;
  const noScript = e.noScript ? `<noscript><style${nonce}>${e.noScript}</style></noscript>` : '';
  const html = `<${e.tag}${attributes}><template shadowrootmode="open"><style${nonce}>${css}</style>${noScript}${renderToString(e.content)}</template>${data}${e.light ?? ''}</${e.tag}>`;
  return { html, styleHashes: await Promise.all([css, ...(e.noScript ? [e.noScript] : [])].map(sha256)) };
}
