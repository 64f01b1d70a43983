/**
 * Constructed stylesheets from CSS text (`sheets.ts`, `options.styles.ts`, …) for the elements that
 * adopt them without Lit's `css` tag (`<paylater-message>` and its dialog). A module of its own, so
 * that the checkout's file, which never calls it, does not carry it.
 */
const made = new Map<string, CSSStyleSheet>();

/** A constructed stylesheet of `text`, made once and shared by every element that adopts it. */
export function sheet(text: string): CSSStyleSheet {
  let styles = made.get(text);
  if (!styles) {
    styles = new CSSStyleSheet();
    styles.replaceSync(text);
    made.set(text, styles);
  }
  return styles;
}
