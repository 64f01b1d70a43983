'use client';
import { useState } from 'react';
import 'paylater-checkout'; // registers <paylater-checkout> and <paylater-status>
import type {} from 'paylater-checkout/react'; // their props and events in JSX

export function PaylaterCheckout({ cartId }: { cartId: string }) {
  const [chosen, setChosen] = useState<string>();
  return (
    <>
      <paylater-checkout
        endpoint="/paylater"
        checkout={cartId}
        channels={['ID_KREDIVO', 'ID_AKULAKU', 'ID_ATOME']}
        onpaylater-select={(event) => setChosen(event.detail.name)}
        onpaylater-error={(event) => console.warn(event.detail.code, event.detail.requestId)}
      />
      {chosen && <p>You chose {chosen}.</p>}
    </>
  );
}

export function PaylaterStatus() {
  const [paid, setPaid] = useState(false);
  return (
    <>
      <h1>{paid ? 'Thank you' : 'Your payment'}</h1>
      <paylater-status endpoint="/paylater" onpaylater-status-change={(event) => setPaid(event.detail.status === 'SUCCEEDED')}>
        <a slot="succeeded" href="/">Back to the shop</a>
        <a slot="failed" href="/">Try again</a>
      </paylater-status>
    </>
  );
}
