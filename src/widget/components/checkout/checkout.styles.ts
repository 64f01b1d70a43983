import { css, unsafeCSS } from 'lit';
import { problemStyles } from '../../shared/problem.js';
import { radioCardStyles } from '../../shared/radio-card.js';
import { OPTIONS_CSS } from './options.styles.js';

/** The options' table (`options.styles.ts`), before the checkout's own rules. */
export const optionsStyles = unsafeCSS(OPTIONS_CSS);

/** After the shared problem box and radio cards (`shared/`), which the rules below refine. */
export const checkoutStyles = css`
  ${problemStyles}
  ${radioCardStyles}
  :host {
    container-type: inline-size;
  }
  /* The plans' form adds no box of its own. */
  form {
    display: contents;
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
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: 8px 16px;
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
    min-height: 44px;
    max-width: 100%;
  }
  /*
   * The tenor choice: one line of 44 px chips, scrolled sideways inside itself when it does not fit;
   * room inside its edges for a chip's focus ring (3 px, 2 px off), which it would cut otherwise
   * (above, below, and after the last chip; its first child is the label, no chip).
   */
  .tenors {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 5px 5px 5px 0;
    margin: -5px 0;
    overflow-x: auto;
    scrollbar-width: none;
  }
  .chip {
    position: relative;
    flex: none;
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    min-width: 44px;
    justify-content: center;
    padding: 0 14px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    cursor: pointer;
    white-space: nowrap;
  }
  .chip:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: var(--_selected);
    font-weight: 600;
  }
  .chip:has(:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .chip input {
    position: absolute;
    opacity: 0;
    pointer-events: none;
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
  /* The name, then its marks, which go to the next line when the name and they do not fit. */
  .name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    min-width: 0;
    font-weight: 700;
    font-size: 1.0625em;
  }
  .reason {
    grid-column: 2;
    color: var(--_muted);
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
  .unavailable .name {
    color: var(--_muted);
  }
  .none {
    margin-top: 10px;
  }
  .notice,
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
  /* The way on stays in sight at the bottom of the screen while the plans scroll past. */
  .actions {
    display: grid;
    gap: 8px;
    position: sticky;
    bottom: 0;
    z-index: 1;
    padding-block: 8px;
    background: var(--_bg);
    box-shadow: 0 -1px var(--_subtle);
  }
  /* Nothing chosen: "Choose a provider"; a radio checked (before any script too): "Continue". */
  .go,
  form:has([name='plan']:checked) .ask {
    display: none;
  }
  form:has([name='plan']:checked) .go {
    display: inline;
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
  td .bone {
    width: 4em;
  }
  .desc .bone {
    width: 3em;
  }
  /* The narrowest phones: a little less padding, so that the amounts keep their columns. */
  @container (max-width: 359px) {
    .provider {
      padding: 12px 10px;
    }
    .chip {
      padding: 0 10px;
    }
  }
  @container (min-width: 560px) {
    .provider {
      padding: 16px 20px;
    }
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
`;
