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
  /* A 44 px tap target that does not make the line taller: the padding reaches over the line's edges. */
  [part='see'] {
    min-height: 1.45em;
    padding: 12px 4px;
    margin: -12px 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
`;

export const DIALOG_CSS = /* css */ `
  /* The options' table narrows on the smallest phones (OPTIONS_CSS): the dialog is its container. */
  dialog {
    container-type: inline-size;
    width: min(36rem, 100vw - 16px);
    max-height: calc(100dvh - 16px);
    padding: 16px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
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
  .close {
    margin-top: 16px;
    width: 100%;
  }
`;
