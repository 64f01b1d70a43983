/**
 * A card chosen by the radio button inside it (`class="card"`; chosen: its radio is checked, which
 * also holds for server-rendered plans before any script runs): the
 * checkout's providers, the bill inquiry's products. The card shows the hover and the choice; the
 * radio button keeps its size and gives its focus ring to the card (`BASE_CSS`).
 */
import { css } from 'lit';

export const radioCardStyles = css`
  .card:has(input:enabled):hover,
  .card:has(:checked) {
    border-color: var(--_accent);
  }
  .card:has(:checked) {
    box-shadow: 0 0 0 1px var(--_accent);
    background: var(--_selected);
  }
  .card input {
    width: 22px;
    height: 22px;
    margin: 0;
    accent-color: var(--_accent);
    cursor: inherit;
  }
  .card input:focus-visible {
    outline: none;
  }
  @media (forced-colors: active) {
    /* Borders take system colours: mark the chosen card with the selection colour. */
    .card:has(:checked) {
      border: 3px solid Highlight;
    }
  }
`;
