import { css } from 'lit';
import { problemStyles } from '../../shared/problem.js';
import { radioCardStyles } from '../../shared/radio-card.js';

/**
 * `<paylater-bill-inquiry>`: after the shared `base` (theme tokens, buttons, focus ring), the problem
 * box and the radio cards (`shared/`), which the rules below refine.
 */
export const billStyles = css`
  ${problemStyles}
  ${radioCardStyles}
  :host {
    container-type: inline-size;
  }
  .base,
  form,
  fieldset,
  .skeleton {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
    gap: 8px;
  }
  legend,
  label[for] {
    padding: 0;
    font-weight: 600;
  }
  legend {
    margin-bottom: 8px;
  }
  .product {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 2px 12px;
    padding: 12px 16px;
    cursor: pointer;
  }
  .product:has(input:disabled) {
    cursor: default;
    border-style: dashed;
    border-color: var(--_border);
    background: var(--_subtle);
    color: var(--_muted);
  }
  .name {
    font-weight: 700;
  }
  .price {
    grid-column: 2;
    color: var(--_muted);
  }
  .field {
    display: grid;
    gap: 4px;
    justify-items: start;
  }
  #number {
    font: inherit;
    font-size: 1.25em;
    letter-spacing: 0.06em;
    width: 100%;
    max-width: 16em;
    min-height: 48px;
    padding: 8px 12px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_bg);
    color: var(--_text);
  }
  #number[aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: 0 0 0 1px var(--_error);
  }
  .hint {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .invalid {
    color: var(--_error);
    font-weight: 600;
  }
  .submit {
    justify-self: start;
    min-width: 160px;
  }
  .empty {
    display: grid;
    gap: 8px;
    justify-items: start;
    padding: 12px 16px;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_subtle);
  }
  .problem {
    border-color: var(--_error);
  }
  .result {
    display: grid;
    gap: 8px;
    padding: 16px 20px;
  }
  .title {
    font-weight: 700;
    font-size: 1.0625em;
  }
  dl {
    margin: 0;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(7em, 2fr) 3fr;
    gap: 16px;
    padding: 6px 0;
    border-top: 1px solid var(--_subtle);
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    text-align: end;
    overflow-wrap: anywhere;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* The periods take the row's full width: each a line with its amount at the end. */
  .periods {
    grid-template-columns: 1fr;
    gap: 4px;
  }
  .periods li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    column-gap: 16px;
  }
  .total {
    font-size: 1.125em;
  }
  .total dt {
    color: var(--_text);
    font-weight: 600;
  }
  .bone {
    height: 64px;
    border-radius: var(--_radius);
    background: var(--_subtle);
    animation: pulse 1.4s ease-in-out infinite;
  }
  @container (min-width: 560px) {
    .product {
      grid-template-columns: auto 1fr auto;
    }
    .price {
      grid-column: 3;
      text-align: end;
    }
  }
`;
