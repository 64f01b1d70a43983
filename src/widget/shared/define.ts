/**
 * Registration, in a module of its own: `<paylater-message>` registers its tag without importing
 * `element.ts` (and with it `LitElement`).
 */

/** Defines `tag` as `element` unless the tag is taken (registering again, or another copy took it). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
