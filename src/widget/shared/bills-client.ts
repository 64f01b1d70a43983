/**
 * The bill routes of the companion, for `<paylater-bill-inquiry>`: `GET bills/products` and
 * `POST bills/inquiry`, each answer checked against the wire contract before it is rendered (a
 * mismatch is `INVALID_RESPONSE`, like the other calls); and the check of the `bill` in a status
 * answer, for `<paylater-status>`. The checks live here, not in `src/contract` (whose validator
 * helpers they use), so that shops without bills do not carry them in the main bundle.
 */
import { list, num, pick, str, text, type BillDetail, type BillInquiryResponseBody, type BillProduct, type BillStatus, type Check } from '../../contract/index.js';
import { call, join, post } from './client.js';

/** A string, or the fallback when it is not one. */
const or = (fallback: string) => (v: unknown) => text(v) ?? fallback;

const product: Check<BillProduct> = (v, path) =>
  pick(v, path, {
    id: str,
    name: str,
    category: or(''),
    biller: or(''),
    currency: str,
    requires_inquiry: (r) => r === true,
    available: (a) => a !== false,
    total_amount: (t, p) => (t === null || t === undefined ? null : num(t, p)),
  });

const details: Check<BillDetail[]> = (v, path) =>
  v === undefined || v === null
    ? []
    : list<BillDetail>((d, p) => pick(d, p, { key: str, value: (x) => (x === null || x === undefined ? null : String(x)) }))(v, path);

export const parseBillProducts = (value: unknown): BillProduct[] => pick<{ products: BillProduct[] }>(value, 'products', { products: list(product) }).products;

export const parseBillInquiry = (value: unknown): BillInquiryResponseBody =>
  pick(value, 'inquiry', {
    checkout: str,
    product_id: str,
    product_name: str,
    customer_number: str,
    currency: str,
    base_amount: num,
    admin_amount: num,
    total_amount: num,
    customer_details: details,
    product_details: details,
    bill_details: details,
    expires_at: str,
  });

/**
 * The `bill` of a status answer (`GET {base}/status`): what `<paylater-status>` needs to show the
 * token, receipt or refund. `paylater-checkout/bills` hands it to the element (`PaylaterStatus.bill`).
 */
export const parseBillStatus: Check<BillStatus> = (v, path) =>
  pick(v, path, {
    product_id: str,
    product_name: str,
    customer_number: str,
    status: str,
    token: text,
    kwh: text,
    receipt: text,
    failure_code: text,
    refund: (r, at) => (r && typeof r === 'object' ? { status: str((r as { status?: unknown }).status, `${at}.status`) } : undefined),
  });

/** What the shop offers (electricity tokens and bills), as the companion lists them. */
export function fetchBillProducts(endpoint: string, signal?: AbortSignal): Promise<BillProduct[]> {
  return call(join(endpoint, 'bills/products'), signal ? { signal } : {}, parseBillProducts);
}

/** What the biller says is owed for a product and customer number, with the checkout handle to pay it. */
export function inquireBill(endpoint: string, productId: string, customerNumber: string, signal?: AbortSignal): Promise<BillInquiryResponseBody> {
  return post(join(endpoint, 'bills/inquiry'), { product_id: productId, customer_number: customerNumber }, parseBillInquiry, signal);
}
