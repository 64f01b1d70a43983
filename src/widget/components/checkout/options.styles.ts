/**
 * The options' table (`renderTable` and `renderOption` in `checkout.view.ts`) and the note that its
 * figures are estimates, as plain CSS text: `<paylater-checkout>` draws it in each provider's card,
 * `<paylater-message>` in its dialog, and both adopt this one sheet (`sheets.ts` says why it is not
 * Lit's `css`).
 */
export const OPTIONS_CSS = /* css */ `
  /* Every option in a compact table: amounts never break inside, the columns share the width; a
     table wider than its card (very long amounts, large text) scrolls inside the card, never the page. */
  .plans {
    overflow-x: auto;
  }
  table {
    width: 100%;
    margin-top: 10px;
    border-collapse: collapse;
    font-size: 0.875em;
    line-height: 1.3;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 6px 0 6px 8px;
    text-align: end;
    vertical-align: top;
    white-space: nowrap;
    font-weight: 600;
  }
  th:first-child {
    padding-left: 0;
    text-align: start;
  }
  thead th {
    padding-block: 0 4px;
    font-size: 0.8125em;
    font-weight: 400;
    color: var(--_muted);
  }
  tbody tr {
    border-top: 1px solid var(--_subtle);
  }
  .cheapest {
    background: var(--_selected);
  }
  /* Notes under a figure may wrap, between words only (an amount holds a no-break space). */
  .desc {
    display: block;
    font-size: 0.875em;
    font-weight: 400;
    color: var(--_muted);
    white-space: normal;
  }
  .estimate {
    font-size: 0.8125em;
    color: var(--_muted);
  }
  /* The narrowest phones: the amounts keep their columns. */
  @container (max-width: 359px) {
    table {
      font-size: 0.75em;
    }
    th,
    td {
      padding-left: 4px;
    }
  }
`;
