/**
 * The baseline of the widget benchmark: a minimal Lit element that does what `<paylater-checkout>`
 * must do at the least (fetch the plans, render once, say it is ready), bundled and minified the
 * same way as the CDN file. The widget's figures are read as ratios to this one's.
 */
import { LitElement, html } from 'lit';

class BenchMinimal extends LitElement {
  static override properties = { endpoint: {}, checkout: {}, count: { state: true } };
  endpoint = '/paylater';
  checkout = '';
  count: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const response = await fetch(`${this.endpoint}/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkout: this.checkout }) });
    const body = (await response.json()) as { providers: unknown[] };
    this.count = body.providers.length;
    await this.updateComplete;
    this.dispatchEvent(new Event('paylater-ready', { bubbles: true, composed: true }));
  }

  override render() {
    return this.count === undefined ? html`<p>Loading</p>` : html`<p>${this.count} providers</p>`;
  }
}

customElements.define('bench-minimal', BenchMinimal);
