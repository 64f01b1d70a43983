import { css } from 'lit';

export const checkoutStyles = css`
  :host {
    container-type: inline-size;
  }
  /* One column that never grows past the element's width, whatever the texts' length. */
  .base,
  fieldset {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }
  /* Every row of the plans has a height known before they arrive: the skeleton draws the same rows. */
  .summary {
    display: flex;
    align-items: end;
    justify-content: space-between;
    gap: 16px;
  }
  /* The order total keeps its width; the sort control shrinks (its text cut short) when space runs out. */
  .total,
  .sort {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .total {
    flex: none;
  }
  .total strong {
    font-size: 1.125em;
  }
  .sort.unused {
    visibility: hidden;
  }
  select {
    font: inherit;
    min-height: 40px;
    max-width: 100%;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--_gap);
    font-weight: 600;
  }
  .provider {
    padding: 14px 16px;
    cursor: pointer;
  }
  .provider:not(.unavailable):hover {
    border-color: var(--_accent);
  }
  .provider.selected {
    border-color: var(--_accent);
    box-shadow: 0 0 0 1px var(--_accent);
    background: var(--_selected);
  }
  .provider.unavailable {
    cursor: default;
    background: var(--_subtle);
    border-style: dashed;
  }
  .head {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    column-gap: 12px;
    row-gap: 2px;
    cursor: inherit;
  }
  input {
    width: 22px;
    height: 22px;
    margin: 0;
    accent-color: var(--_accent);
    cursor: inherit;
  }
  input:focus-visible {
    outline: none;
  }
  /* One line, whatever the language: a row's height is known before the plans arrive. */
  .name {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    font-weight: 700;
    font-size: 1.0625em;
  }
  .from,
  .reason {
    grid-column: 2;
    color: var(--_muted);
  }
  .from strong {
    color: var(--_text);
    font-size: 1.125em;
    line-height: 1;
  }
  .badge {
    font-size: 0.75em;
    line-height: 1.6;
    font-weight: 700;
    padding: 0 8px;
    border-radius: 999px;
    background: var(--_success);
    color: var(--_bg);
    display: inline-block;
  }
  .name .badge {
    margin-inline-start: 8px;
  }
  .unavailable .name {
    color: var(--_muted);
  }
  ul {
    list-style: none;
    margin: 12px 0 0;
    padding: 0;
  }
  li {
    display: grid;
    grid-template-columns: minmax(7.5em, 2fr) 3fr;
    gap: 16px;
    padding: 8px 0;
    border-top: 1px solid var(--_subtle);
    font-size: 0.9375em;
  }
  .amounts {
    text-align: end;
  }
  b,
  strong {
    white-space: nowrap;
  }
  .desc {
    display: block;
    font-size: 0.875em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .cheapest .amounts .desc {
    color: var(--_text);
    font-weight: 600;
  }
  .estimate {
    margin-top: 8px;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .notice,
  .problem,
  .empty {
    padding: 12px 16px;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_subtle);
  }
  .notice {
    border-color: var(--_accent);
    background: var(--_selected);
  }
  .problem {
    display: grid;
    gap: 8px;
    justify-items: start;
    background: var(--_bg);
  }
  .problem p:first-child {
    color: var(--_error);
    font-weight: 600;
  }
  .actions {
    display: grid;
    gap: 8px;
  }
  .continue {
    width: 100%;
    font-size: 1.0625em;
  }
  .bone {
    display: inline-block;
    vertical-align: middle;
    width: 6em;
    height: 0.9em;
    border-radius: 4px;
    background: var(--_border);
    animation: pulse 1.4s ease-in-out infinite;
  }
  /* The skeleton's controls look as inactive as they are. */
  [inert] {
    opacity: 0.6;
  }
  .from .bone {
    width: 10em;
  }
  @container (min-width: 560px) {
    .provider {
      padding: 16px 20px;
    }
    .from,
    .reason {
      grid-area: 1 / 3;
      text-align: end;
    }
    .continue {
      width: auto;
      justify-self: end;
      min-width: 280px;
    }
  }
  @media (forced-colors: active) {
    /* Borders take system colours: mark the chosen card with the selection colour. */
    .provider.selected {
      border: 3px solid Highlight;
    }
  }
`;
