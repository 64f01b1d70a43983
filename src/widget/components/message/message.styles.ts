/**
 * `<paylater-message>`'s own styles, as plain CSS text (`sheets.ts` says why it is not Lit's `css`):
 * the line, adopted after the shared `BASE_CSS`; and the "See plans" dialog, adopted with the
 * options' table (`OPTIONS_CSS`) when the dialog's code is there (`message.dialog.ts`).
 */
export const MESSAGE_CSS = /* css */ `
  /* One line's height is kept from the start, so nothing moves when the terms arrive. */
  [part='base'] {
    min-height: 1.45em;
  }
  :host([layout='card']) [part='base'] {
    padding: 10px 14px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /*
   * A 44 px tap target that does not make the line taller: the padding reaches over the line's
   * edges; in small print, where that is less than 44 px, a box of its own (::after) is tapped too.
   */
  [part='see'] {
    position: relative;
    min-height: 1.45em;
    padding: 12px 4px;
    margin: -12px 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  [part='see']::after {
    content: '';
    position: absolute;
    inset: 50% 0 auto;
    height: 44px;
    translate: 0 -50%;
  }
`;

export const DIALOG_CSS = /* css */ `
  /* The options' table narrows on the smallest phones (OPTIONS_CSS): the dialog is its container. */
  /*
   * Its own text size (the page's root size), not the line's, which may be a product card's small
   * print; its box (padding and border) within the screen's height and width.
   */
  dialog {
    box-sizing: border-box;
    font-size: 1rem;
    container-type: inline-size;
    width: min(36rem, 100vw - 16px);
    max-height: calc(100dvh - 16px);
    padding: 16px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  /* Focused when the dialog opens, so that it is read first: it is no control, so no ring. */
  h2:focus {
    outline: none;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h2 {
    font-size: 1.125em;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 1em;
    margin: 16px 0 0;
  }
  /*
   * Close stays in sight at the dialog's foot while the options scroll under it (a phone shows a
   * few of them at a time), on a band of the dialog's own colour.
   */
  .close.secondary {
    box-sizing: border-box;
    margin-top: 16px;
    width: 100%;
    position: sticky;
    bottom: 0;
    background: var(--_bg);
    box-shadow: 0 8px 0 8px var(--_bg);
  }
`;
