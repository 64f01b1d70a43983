/**
 * The client address `requestOf` read off a Node request, kept with the `Request` it made, so that
 * the companion's functions that take one (`renderCheckout`, `renderStatus`, `createCharge`) count
 * it against the per-client rate limits as the routes do.
 */
const addresses = new WeakMap<Request, string>();

export function rememberClientAddress(request: Request, address: string | undefined): Request {
  if (address) addresses.set(request, address);
  return request;
}

export function clientAddressOf(request: Request): string | undefined {
  return addresses.get(request);
}
