/** The shared styles (`sheets.ts`) as Lit's `CSSResult`, for the elements built on `LitElement`. */
import { unsafeCSS } from 'lit';
import { BASE_CSS, COMMON_CSS } from './sheets.js';

export const base = unsafeCSS(BASE_CSS + COMMON_CSS);
