import { LitElement, type PropertyDeclarations } from 'lit';
import { formatMoney } from './format.js';
import { message, resolveLocale, type MessageKey, type Params } from './i18n.js';

export { define } from './define.js';

/**
 * Parts an element gets from a bundle loaded beside it, kept here (in the code every bundle
 * shares) so that neither has to import the other: the bill view of `<paylater-status>`, which
 * `paylater-checkout/bills` installs.
 */
export const extensions: { bill?: unknown } = {};

/**
 * What every `<paylater-*>` element shares: where the companion is, which language it speaks,
 * and the helpers that go with them. Not registered as a tag.
 */
export class PaylaterElement extends LitElement {
  // Reactive properties declared without decorators: the CDN bundle is smaller this way.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    locale: {},
  };

  /** Base URL where the merchant mounted the companion. */
  endpoint = '/paylater';

  /** Language of the texts (`en`, `id`, or a tag such as `id-ID`); default: the page's `lang`, then the browser's. */
  locale: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('paylater-texts', this.#texts);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('paylater-texts', this.#texts);
  }

  /** Rarely shown texts arrived (`texts.load`): drawn again with them. */
  readonly #texts = () => this.requestUpdate();

  /** The language in use, after fallbacks. */
  protected language(): string {
    return resolveLocale(this.locale, this);
  }

  protected t(key: MessageKey, params?: Params): string {
    return message(this.language(), key, params);
  }

  protected money(currency: string, amount: number): string {
    return formatMoney(this.language(), currency, amount);
  }
}
