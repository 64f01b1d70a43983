'use client';
import dynamic from 'next/dynamic';

// Rendered in the browser only: the elements register themselves there, and React 19 adds the
// `on<event>` listeners when it creates an element, not when it hydrates server-rendered HTML.
export const Checkout = dynamic(() => import('./paylater').then((m) => m.PaylaterCheckout), { ssr: false });
export const Status = dynamic(() => import('./paylater').then((m) => m.PaylaterStatus), { ssr: false });
