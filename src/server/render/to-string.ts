/**
 * A lit-html template as an HTML string, for the server: the very templates the elements render
 * in the browser (`html\`…\`` results), so the server's markup cannot drift from the client's.
 *
 * It knows the bindings the elements use, and no directive:
 * - a child (`>${x}<`): text, escaped; a template; a list of them; `nothing`, `null` and
 *   `undefined` are nothing;
 * - an attribute (`name=${x}` or inside a quoted value): escaped; `nothing`, `null` or `undefined`
 *   as the whole value leave the attribute out;
 * - a boolean attribute (`?name=${x}`): the attribute when `x` is truthy;
 * - a property (`.name=${x}`): what the browser would show from it, for the properties of form
 *   controls (`checked`, `disabled`, `selected` when truthy; `value`); other properties are left out;
 * - an event listener (`@name=${x}`): left out.
 *
 * No markers for hydration are written: the element renders the same template over it (see
 * `PaylaterCheckout`), so what the server drew is replaced, within one task, by the same thing.
 */
import { nothing, type TemplateResult } from 'lit/html.js';
import { escapeHtml } from '../html.js';

export { escapeHtml };

const isTemplate = (value: unknown): value is TemplateResult => typeof value == 'object' && value !== null && '_$litType$' in value;
const empty = (value: unknown) => value === nothing || value == null;

/** Where the HTML written so far ends: in text, inside a tag, or inside a quoted attribute value. */
type Place = { in: 'text' } | { in: 'tag' } | { in: 'quoted'; quote: string } | { in: 'comment' };

/** Moves `place` over `text`: enough of HTML's tokenizer for templates (tags, quoted values, comments). */
function advance(place: Place, text: string): Place {
  let i = 0;
  while (i < text.length) {
    if (place.in === 'text') {
      const lt = text.indexOf('<', i);
      if (lt < 0) return place;
      if (text.startsWith('<!--', lt)) {
        place = { in: 'comment' };
        i = lt + 4;
      } else {
        place = /[a-zA-Z/]/.test(text[lt + 1] ?? '') ? { in: 'tag' } : place;
        i = lt + 1;
      }
    } else if (place.in === 'comment') {
      const end = text.indexOf('-->', i);
      if (end < 0) return place;
      place = { in: 'text' };
      i = end + 3;
    } else if (place.in === 'quoted') {
      const end = text.indexOf(place.quote, i);
      if (end < 0) return place;
      place = { in: 'tag' };
      i = end + 1;
    } else {
      const c = text[i]!;
      if (c === '>') place = { in: 'text' };
      else if (c === '"' || c === "'") place = { in: 'quoted', quote: c };
      i++;
    }
  }
  return place;
}

/** Properties of form controls whose state the markup can say, as a boolean attribute. */
const BOOLEAN_PROPERTIES = new Set(['checked', 'disabled', 'selected']);

/** The template (or any child value) as HTML. */
export function renderToString(value: unknown): string {
  if (empty(value)) return '';
  if (isTemplate(value)) return renderTemplate(value);
  if (typeof value != 'string' && typeof (value as Iterable<unknown>)?.[Symbol.iterator] == 'function') {
    return Array.from(value as Iterable<unknown>, renderToString).join('');
  }
  return escapeHtml(value);
}

function renderTemplate({ strings, values }: TemplateResult): string {
  let out = '';
  let place: Place = { in: 'text' };
  for (let i = 0; i < strings.length; i++) {
    const text = strings[i]!;
    place = advance(place, text);
    out += text;
    if (i === values.length) break;
    const value = values[i];
    if (place.in === 'text') out += renderToString(value);
    else if (place.in === 'quoted') out += empty(value) ? '' : escapeHtml(value);
    else if (place.in === 'tag') {
      // An unquoted binding: `name=${…}`, with lit's prefixes. The name written is taken back and
      // the attribute (if any) written for the value.
      const match = /([.?@]?)([^\s"'>/=]+)\s*=\s*$/.exec(out);
      if (!match) throw new Error(`renderToString: a binding inside a tag that is no attribute, after: ${text.slice(-40)}`);
      out = out.slice(0, match.index);
      const [, prefix, name] = match as unknown as [string, string, string];
      if (prefix === '@') continue;
      if (prefix === '?' || (prefix === '.' && BOOLEAN_PROPERTIES.has(name))) {
        if (value && value !== nothing) out += name;
      } else if (prefix === '.' ? name === 'value' && !empty(value) : !empty(value)) {
        out += `${name}="${escapeHtml(value)}"`;
      }
    } else {
      throw new Error('renderToString: a binding inside a comment');
    }
  }
  return out;
}
