import type { TermsResponseBody } from '../../../contract/terms.js';
import { errorEvent, toPaylaterError } from '../../shared/errors.js';
import { addMessages, resolveLocale } from '../../shared/i18n.js';
import { sheet } from '../../shared/sheet.js';
import { BASE_CSS } from '../../shared/sheets.js';
import { fetchTerms } from '../../shared/terms-client.js';
import type { DialogView } from './message.dialog.js';
import { MESSAGE_MESSAGES } from './message.messages.js';
import { MESSAGE_CSS } from './message.styles.js';
import { lineOf, offersFor } from './message.view.js';

/** The "See plans" dialog's code (`message.dialog.ts`). */
export interface MessageDialog {
  renderDialog(root: ShadowRoot, view: DialogView): HTMLDialogElement;
}

/** The public properties, each set by the attribute of the same name. */
interface Props {
  endpoint: string;
  amount: number;
  currency: string;
  channels: string[] | undefined;
  locale: string | undefined;
  layout: 'line' | 'card';
  ineligible: 'hide' | 'explain';
}
type Name = keyof Props;

/** Each property's value until it is set, and again when its attribute is removed. */
const DEFAULTS: Props = { endpoint: '/paylater', amount: 0, currency: 'IDR', channels: undefined, locale: undefined, layout: 'line', ineligible: 'hide' };
const NAMES = Object.keys(DEFAULTS) as Name[];

/** A value as its property keeps it: the amount a number, the channels a list (from a space or comma separated string too). */
function normalise(name: Name, value: unknown): unknown {
  if (value == null) return DEFAULTS[name];
  if (name == 'amount') {
    // A price as a shop shows it ("1.500.000", "Rp 1.500.000") is no number: said, never guessed.
    if (!(Number(value) >= 0)) console.warn(`<paylater-message>: amount "${value}" is not a number; write 1500000`);
    return Number(value) || 0;
  }
  if (name == 'channels' && typeof value == 'string') return value ? value.split(/[\s,]+/).filter(Boolean) : undefined;
  return value;
}

/** A node of the line with its part, which its styles select by. */
function part<K extends keyof HTMLElementTagNameMap>(tag: K, name: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.setAttribute('part', name);
  return element;
}

/**
 * "or from Rp 58,167/month with Kredivo, Akulaku…" on a product or cart page, before any customer
 * exists: the lowest payment any provider offers for `amount`, and who offers it. The figures are
 * computed in the browser from the providers' terms (`GET {endpoint}/terms`, one request per page
 * for any number of messages) with the providers' own rounding, so a price change (variant,
 * quantity) re-renders at once with no request. The same engine decides what the checkout offers,
 * so a message never promises what the checkout then refuses. "See plans" opens a dialog that
 * compares every provider's options for the amount, in the checkout's own table.
 *
 * A product page loads it on its own (the CDN's classic script, with an 8 kB budget), so it is a
 * plain `HTMLElement` and no `LitElement`: its properties and attributes are the few lines below,
 * updates are batched as a Lit element's are (one a microtask after any change; `updateComplete`
 * says when it is done), and the line (one sentence) is kept up to date with DOM calls. The dialog,
 * drawn with lit-html like the checkout's table it shares, is a module of its own
 * (`message.dialog.ts`, see `dialog`).
 *
 * @tagname paylater-message
 * @summary "From Rp 58,167 a month with Kredivo": PayLater on product pages.
 *
 * @csspart base - The message line (or card).
 * @csspart amount - The lowest payment.
 * @csspart see - The "See plans" button.
 * @csspart dialog - The `<dialog>` comparing the providers' options.
 * @csspart close - The dialog's close button.
 *
 * @cssprop --paylater-accent - The "See plans" button and focus ring.
 * @cssprop --paylater-text - Text colour.
 * @cssprop --paylater-muted - Secondary text.
 * @cssprop --paylater-bg - The dialog's background.
 * @cssprop --paylater-font - Font family (default: inherited).
 *
 * @event {PaylaterErrorEvent} paylater-error - The terms could not be read (`detail.stage` `terms`; the message then shows nothing), or the "See plans" dialog's file could not be loaded (`dialog`; the next click tries again).
 */
export class PaylaterMessage extends HTMLElement {
  static observedAttributes = NAMES;

  /**
   * The "See plans" dialog's code: the module itself (the npm entry sets it), or how to load it on
   * the first "See plans" (the CDN files load `paylater-message-dialog.js` from beside them, so that
   * a product page loads the line only). Unset: the line has no "See plans".
   */
  static dialog: MessageDialog | (() => Promise<MessageDialog>) | undefined;

  /**
   * Base URL where the merchant mounted the companion.
   * @attr
   * @default '/paylater'
   */
  declare endpoint: string;

  /**
   * The price the message is about (a product's, a cart's), in `currency`'s units, as a plain number (`1500000`; `1.500.000` or `Rp 1.500.000` is no number: a console warning says so and it counts as 0).
   * @attr
   * @default 0
   */
  declare amount: number;

  /**
   * The currency of `amount` (the terms are asked for in it).
   * @attr
   * @default 'IDR'
   */
  declare currency: string;

  /**
   * Only these channel codes, e.g. `ID_KREDIVO ID_AKULAKU`: space or comma separated in the
   * attribute, and a list or such a string as a property (as on `<paylater-checkout>`); read, a list.
   * @attr
   */
  declare channels: string | string[] | undefined;

  /**
   * Language of the texts (`en`, `id`, or a tag such as `id-ID`); default: the page's `lang`, then the browser's.
   * @attr
   */
  declare locale: string | undefined;

  /**
   * `line` (a sentence under a price) or `card` (the same in a box).
   * @attr
   * @reflect
   * @default 'line'
   */
  declare layout: 'line' | 'card';

  /**
   * For an amount no provider takes: `hide` (nothing, no empty box) or `explain` ("PayLater from Rp 50,000").
   * @attr
   * @default 'hide'
   */
  declare ineligible: 'hide' | 'explain';

  static {
    // The properties: accessors that keep the value and ask for an update when it changes.
    for (const name of NAMES) {
      Object.defineProperty(this.prototype, name, {
        get(this: PaylaterMessage) {
          return this.#props[name];
        },
        set(this: PaylaterMessage, value: unknown) {
          this.#set(name, value);
        },
      });
    }
    addMessages(MESSAGE_MESSAGES);
  }

  #props: Props = { ...DEFAULTS };
  readonly #root = this.attachShadow({ mode: 'open' });
  // The line and its pieces, made once (so that a focused "See plans" keeps the focus through updates).
  readonly #line = part('p', 'base');
  readonly #amount = part('strong', 'amount');
  readonly #see = part('button', 'see');
  /** The text before the amount, the text after it, and the space before "See plans". */
  readonly #texts = [new Text(), new Text(), new Text(' ')] as const;
  #terms: TermsResponseBody | undefined;
  /** The endpoint and currency the terms were asked for. */
  #asked: string | undefined;
  /** "See plans" was used: the dialog is drawn, and kept up to date from then on. */
  #opened = false;
  /** The update under way, when one is. */
  #update: Promise<boolean> | undefined;

  constructor() {
    super();
    this.#root.adoptedStyleSheets = [BASE_CSS, MESSAGE_CSS].map(sheet);
    this.#see.setAttribute('aria-haspopup', 'dialog');
    this.#see.onclick = () => this.#open();
    // A property set before the tag was defined is the element's own and hides the accessor: set it again through it.
    for (const name of NAMES) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete (this as Partial<Props>)[name];
        this.#set(name, value);
      }
    }
  }

  /** Resolves (to `true`) once the element shows what its properties say, as a Lit element's `updateComplete`. */
  get updateComplete(): Promise<boolean> {
    return this.#update ?? Promise.resolve(true);
  }

  connectedCallback(): void {
    this.#request();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    this.#set(name as Name, value);
  }

  #set(name: Name, value: unknown): void {
    const next = normalise(name, value);
    // The same value again is no change (a list compared by its items: a framework may set an equal list anew).
    if (String(next) === String(this.#props[name])) return;
    (this.#props as Record<Name, unknown>)[name] = next;
    this.#request();
  }

  /** One update a microtask after the first change, however many properties change meanwhile. */
  #request(): void {
    this.#update ??= Promise.resolve().then(() => {
      this.#update = undefined;
      this.#render();
      return true;
    });
  }

  #render(): void {
    if (!this.isConnected) return;
    const { endpoint, amount, currency, channels, layout } = this.#props;
    if (this.getAttribute('layout') !== layout) this.setAttribute('layout', layout);
    const lang = resolveLocale(this.locale, this);
    const asked = `${endpoint} ${currency}`;
    if (asked !== this.#asked) {
      // Other terms: nothing is said until they arrive (never one currency's figures for another).
      this.#asked = asked;
      this.#terms = undefined;
      fetchTerms(endpoint, currency).then(
        (terms) => {
          if (this.#asked !== asked) return;
          this.#terms = terms;
          this.#request();
        },
        (error: unknown) => this.dispatchEvent(errorEvent(toPaylaterError(error), 'terms', lang)),
      );
    }
    const terms = this.#terms;
    const dialog = PaylaterMessage.dialog;
    // Whom `channels` lets in (all when unset), and who of them takes the amount.
    const providers = terms?.providers.filter((p) => !channels || channels.includes(p.channel_code)) ?? [];
    const offers = terms ? offersFor(providers, amount, terms.currency) : [];
    const line = lineOf(lang, terms && { offers, providers, currency: terms.currency, amount, explain: this.ineligible == 'explain' });
    if (typeof line != 'object') this.#show(line);
    else {
      const [before, after] = this.#texts;
      before.data = line.before;
      this.#amount.textContent = line.amount;
      after.data = line.after;
      this.#see.textContent = line.see;
      this.#show([before, this.#amount, after, ...(dialog ? [this.#texts[2], this.#see] : [])]);
    }
    // Once opened, the dialog follows the line (and closes when no provider takes the amount any more).
    if (!this.#opened || typeof dialog != 'object') return;
    if (offers.length) dialog.renderDialog(this.#root, { lang, offers, currency: terms!.currency, amount });
    else this.#root.querySelector('dialog')?.close();
  }

  /** The line: its contents (a text, or nodes of its own), or none at all (`undefined`). */
  #show(content: string | Node[] | undefined): void {
    const line = this.#line;
    if (content === undefined) return line.remove();
    // Before the dialog's nodes, which are not the line's.
    if (!line.isConnected) this.#root.prepend(line);
    if (typeof content == 'string') line.textContent = content;
    // The same nodes are left in place: a focused "See plans" stays focused.
    else if (content.length !== line.childNodes.length || content.some((node, i) => node !== line.childNodes[i])) line.replaceChildren(...content);
  }

  /** "See plans": the dialog, its code first loaded when it is not there yet (a failed load: `paylater-error`, and the next click tries again). */
  #open(): void {
    const dialog = PaylaterMessage.dialog;
    if (typeof dialog == 'function') {
      dialog().then(
        (module) => {
          if (PaylaterMessage.dialog === dialog) PaylaterMessage.dialog = module;
          this.#open();
        },
        (error: unknown) => this.dispatchEvent(errorEvent(toPaylaterError(error), 'dialog', resolveLocale(this.locale, this))),
      );
      return;
    }
    if (!dialog) return;
    this.#opened = true;
    this.#render();
    this.#root.querySelector('dialog')?.showModal();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'paylater-message': PaylaterMessage;
  }
}
