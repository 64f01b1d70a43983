import { css } from 'lit';

/** The status box: an icon in the outcome's tone, the title, the message, and what comes after them. */
export const statusStyles = css`
  .box {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 4px 14px;
    align-items: start;
    padding: 18px 20px;
    --_tone: var(--_accent);
  }
  .succeeded {
    --_tone: var(--_success);
  }
  .failed,
  .problem {
    --_tone: var(--_error);
  }
  .refunded {
    --_tone: var(--_muted);
  }
  .icon {
    grid-row: span 2;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    border: 3px solid var(--_tone);
    display: grid;
    place-items: center;
    color: var(--_tone);
    font-weight: 800;
    line-height: 1;
  }
  .pending .icon {
    border-right-color: transparent;
    animation: spin 1s linear infinite;
  }
  .title {
    font-weight: 700;
    font-size: 1.125em;
    color: var(--_tone);
  }
  .more {
    grid-column: 2;
  }
  button,
  .again,
  ::slotted(*) {
    margin-top: 8px;
  }
  .again {
    display: flex;
    align-items: center;
    justify-content: center;
    width: fit-content;
    max-width: 100%;
    min-height: 44px;
    padding: 8px 18px;
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    text-align: center;
    text-decoration: none;
  }
`;
