/**
 * Styles shared by the elements, as plain CSS text. `BASE_CSS`, in every element: the `--paylater-*`
 * theme tokens (light and dark through the host's `color-scheme`, which the page's own CSS
 * overrides), focus ring, buttons and reduced motion. `COMMON_CSS`, in the Lit elements (checkout,
 * status, bills) but not in `<paylater-message>`: visually hidden text, cards, disabled buttons, the
 * reference line, the spinner and its animations.
 *
 * Plain text rather than Lit's `css`, so that `<paylater-message>`, which has no Lit, adopts the same
 * sheet (`sheet.ts`); the Lit elements take both as `base` (`styles.ts`). Adopted stylesheets only:
 * nothing inline, so a strict CSP needs no `unsafe-inline`. The build minifies a template literal
 * marked with a `css` comment, as here, like one tagged `css` (vite.config.ts).
 */
export const BASE_CSS = /* css */ `
  :host {
    color-scheme: light dark;
    --_bg: var(--paylater-bg, light-dark(#fff, #1b1e23));
    --_text: var(--paylater-text, light-dark(#16181d, #eceef1));
    --_muted: var(--paylater-muted, light-dark(#535a65, #a9b0bb));
    --_border: var(--paylater-border, light-dark(#cfd4db, #40464f));
    --_accent: var(--paylater-accent, light-dark(#0b57d0, #8ab4f8));
    --_on-accent: var(--paylater-on-accent, light-dark(#fff, #0b1a33));
    --_selected: var(--paylater-selected-bg, light-dark(#eef3fd, #1f2a3d));
    --_subtle: var(--paylater-subtle-bg, light-dark(#f4f5f7, #23272e));
    --_error: var(--paylater-error, light-dark(#b3261e, #f2b8b5));
    --_success: var(--paylater-success, light-dark(#146c2e, #6dd58c));
    --_focus: var(--paylater-focus, var(--_accent));
    --_radius: var(--paylater-radius, 12px);
    --_gap: var(--paylater-gap, 12px);
    display: block;
    box-sizing: border-box;
    font-family: var(--paylater-font, inherit);
    line-height: 1.45;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  p {
    margin: 0;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 48px;
    padding: 10px 20px;
    border-radius: calc(var(--_radius) - 4px);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  :focus-visible,
  .card:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;

export const COMMON_CSS = /* css */ `
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    background: var(--_subtle);
    border-color: var(--_border);
    color: var(--_muted);
  }
  .ref {
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
`;
