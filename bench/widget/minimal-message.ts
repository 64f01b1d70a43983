/**
 * The baseline of the message benchmark: a minimal Lit element that does what `<paylater-message>`
 * must do at the least (fetch the terms, render one line, say it is painted), bundled and minified
 * the same way as the CDN file. The message's figures are read as ratios to this one's.
 */
import { LitElement, html } from 'lit';

class BenchMinimalMessage extends LitElement {
  static override properties = { endpoint: {}, amount: { type: Number }, count: { state: true } };
  endpoint = '/paylater';
  amount = 0;
  count: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const response = await fetch(`${this.endpoint}/terms?currency=IDR`);
    const body = (await response.json()) as { providers: unknown[] };
    this.count = body.providers.length;
    await this.updateComplete;
    this.dispatchEvent(new Event('bench-painted', { bubbles: true, composed: true }));
  }

  override render() {
    return this.count === undefined ? html`<p></p>` : html`<p>or from ${this.amount / 12} a month with ${this.count} providers</p>`;
  }
}

customElements.define('bench-minimal-message', BenchMinimalMessage);
