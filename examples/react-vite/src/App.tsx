import { useState } from 'react';
import 'paylater-checkout'; // registers <paylater-checkout> and <paylater-status>
import 'paylater-checkout/message'; // registers <paylater-message> ("or from Rp … a month"), its dialog included
import type {} from 'paylater-checkout/react'; // their props and events in JSX

/** Your cart's total (the companion's `resolveCheckout` turns the cart id into the same order). */
const TOTAL = 528_000;

/**
 * The checkout page, or the return page when the provider sent the shopper back. The cart id is
 * your cart's: the companion's `resolveCheckout` turns it into the order on your server.
 */
export function App() {
  const returned = new URLSearchParams(location.search).has('paylater_token');
  return returned ? <ReturnPage /> : <CheckoutPage cartId={`cart_${crypto.randomUUID().slice(0, 8)}`} />;
}

function CheckoutPage({ cartId }: { cartId: string }) {
  const [chosen, setChosen] = useState<string>();
  return (
    <main>
      <h1>Pay later</h1>
      {/* On a product or cart page: the lowest payment for the amount, computed in the browser. */}
      <paylater-message endpoint="/paylater" amount={TOTAL} currency="IDR" layout="card" />
      <paylater-checkout
        endpoint="/paylater"
        checkout={cartId}
        channels={['ID_KREDIVO', 'ID_AKULAKU', 'ID_ATOME']}
        sort="total"
        onpaylater-select={(event) => setChosen(event.detail.name)}
        onpaylater-redirect={(event) => console.info(`to ${event.detail.channelCode} (${event.detail.kind})`)}
        onpaylater-error={(event) => console.warn(event.detail.code, event.detail.requestId)}
      />
      {chosen && <p>You chose {chosen}.</p>}
    </main>
  );
}

function ReturnPage() {
  const [paid, setPaid] = useState(false);
  return (
    <main>
      <h1>{paid ? 'Thank you' : 'Your payment'}</h1>
      <paylater-status endpoint="/paylater" onpaylater-status-change={(event) => setPaid(event.detail.status === 'SUCCEEDED')}>
        <a slot="succeeded" href="/">Back to the shop</a>
        <a slot="failed" href="/">Try again</a>
      </paylater-status>
    </main>
  );
}
