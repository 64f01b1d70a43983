/**
 * The problem box of the Lit elements that ask the companion for a form's data (the checkout, the
 * bill inquiry): what went wrong, the companion's reference for support, and a retry button, with
 * its styles. `role="alert"` says it once; `id="problem"` and `tabindex="-1"` let the element point
 * at it (`aria-describedby`) and move focus to it.
 */
import { css, html, nothing } from 'lit';
import type { PaylaterError } from './client.js';
import type { MessageKey, Params } from './i18n.js';

/**
 * The box: `text` (what the shopper reads about `error`), then `instead`, or else the reference (when
 * the companion gave one) and, with `retry`, a button that calls it.
 */
export function renderProblem(t: (key: MessageKey, params?: Params) => string, text: string, error: PaylaterError, retry?: () => void, instead?: unknown) {
  return html`<div part="error" id="problem" class="problem" role="alert" tabindex="-1">
    <p>${text}</p>
    ${instead ??
    html`${error.requestId ? html`<p class="ref">${t('reference', { id: error.requestId })}</p>` : nothing}
    ${retry ? html`<button part="retry" class="secondary" type="button" @click=${retry}>${t('retry')}</button>` : nothing}`}
  </div>`;
}

export const problemStyles = css`
  .problem {
    display: grid;
    gap: 8px;
    justify-items: start;
    padding: 12px 16px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .problem p:first-child {
    color: var(--_error);
    font-weight: 600;
  }
`;
