import { css, html, nothing } from 'lit';
import { browserHandoff, detectInAppBrowser, type InAppApp, type InAppBrowser } from '../../../contract/in-app.js';
import { PaylaterElement } from '../../shared/element.js';
import { addMessages } from '../../shared/i18n.js';
import { base } from '../../shared/styles.js';
import { IN_APP_MESSAGES } from './in-app-note.messages.js';

/** The apps' own names (the bare Android WebView's is "this app", in the shopper's language). */
const NAMES: Partial<Record<InAppApp, string>> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  messenger: 'Messenger',
  tiktok: 'TikTok',
  line: 'LINE',
  wechat: 'WeChat',
  x: 'X',
  snapchat: 'Snapchat',
};

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
const STATE = { copied: { state: true } };

/**
 * What `<paylater-checkout>` shows in an in-app browser (Instagram, Facebook, TikTok, LINE...):
 * that the provider's app may not open from there, and the way to this page in the shopper's own
 * browser: a link where one exists (LINE; Android), else a "Copy link" button with the app menu's
 * way (iOS). The checkout loads it only in an in-app browser; it is not meant to be used alone.
 *
 * @tagname paylater-in-app-note
 * @summary The way out of an in-app browser, shown by `<paylater-checkout>` inside one.
 *
 * @csspart base - The note's box.
 * @csspart text - What the note says.
 * @csspart open - The "Open in browser" link (LINE, Android).
 * @csspart how - How to open the page from the app's menu (iOS).
 * @csspart copy - The "Copy link" button (iOS).
 * @csspart copied - Says the link was copied.
 * @csspart link - The page's address to copy by hand, shown when copying did not work.
 */
export class PaylaterInAppNote extends PaylaterElement {
  static override properties = {
    browser: { attribute: false },
    page: {},
    ...STATE,
  };
  static override styles = [
    base,
    css`
      .note {
        display: grid;
        gap: 8px;
        justify-items: start;
        padding: 12px 14px;
        margin-bottom: var(--_gap);
        border-radius: var(--_radius);
        background: var(--_subtle);
      }
      .open {
        color: var(--_accent);
        font-weight: 600;
        min-height: 48px;
        display: inline-flex;
        align-items: center;
      }
      .how,
      label {
        font-size: 0.875em;
        color: var(--_muted);
      }
      label {
        display: grid;
        gap: 4px;
        width: 100%;
      }
      input {
        font: inherit;
        color: var(--_text);
        width: 100%;
        padding: 8px;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) - 4px);
        background: var(--_bg);
      }
    `,
  ];

  static {
    addMessages(IN_APP_MESSAGES);
  }

  /** The in-app browser the page is in: by default the browser's user agent's (`detectInAppBrowser`); nothing is shown outside one. */
  browser: InAppBrowser | undefined;

  /** The page to open in the browser: this page when empty. */
  page = '';

  /** Whether copying the link worked; undefined before "Copy link" is used. */
  private copied: boolean | undefined;

  override render() {
    const browser = this.browser ?? detectInAppBrowser(navigator.userAgent);
    if (!browser) return nothing;
    const handoff = browserHandoff(this.page || location.href, browser);
    const app = NAMES[browser.app] ?? this.t('inAppThisApp');
    return html`<div part="base" class="note" role="note">
      <p part="text">${this.t('inAppNote', { app })}</p>
      ${handoff.kind === 'link'
        ? html`<a part="open" class="open" href=${handoff.url}>${this.t('inAppOpen')}</a>`
        : html`<p part="how" class="how">${this.t('inAppHowTo')}</p>
            <button part="copy" class="secondary" @click=${() => this.#copy(handoff.url)}>${this.t('inAppCopy')}</button>
            <p part="copied" role="status">${this.copied ? this.t('inAppCopied') : ''}</p>
            ${this.copied === false
              ? html`<label>${this.t('inAppCopyManual')}<input part="link" readonly .value=${handoff.url} @focus=${select} /></label>`
              : nothing}`}
    </div>`;
  }

  /** The link to the clipboard; where that is refused (or there is none), the address shown, selected, to copy by hand. */
  async #copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      this.copied = true;
    } catch {
      this.copied = false;
      await this.updateComplete;
      this.renderRoot.querySelector('input')?.focus();
    }
  }
}

function select(event: FocusEvent) {
  (event.target as HTMLInputElement).select();
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-in-app-note': PaylaterInAppNote;
  }
}
