/**
 * The bill routes of the companion, for `<paylater-bill-inquiry>`: `GET bills/products` and
 * `POST bills/inquiry`, each answer checked against the wire contract before it is rendered (a
 * mismatch is `INVALID_RESPONSE`, like the other calls). The checks live here, not in
 * `src/contract`, so that shops without bills do not carry them in the main bundle.
 */
import { ContractError, type BillDetail, type BillInquiryResponseBody, type BillProduct } from '../../contract/index.js';
import { call, join, post } from '../client.js';

type Json = Record<string, unknown>;

function check<T>(ok: boolean, value: unknown, path: string, expected: string): T {
  if (!ok) throw new ContractError(path, expected);
  return value as T;
}
const obj = (v: unknown, path: string) => check<Json>(typeof v === 'object' && v !== null && !Array.isArray(v), v, path, 'an object');
const str = (v: unknown, path: string) => check<string>(typeof v === 'string', v, path, 'a string');
const num = (v: unknown, path: string) => check<number>(typeof v === 'number' && Number.isFinite(v), v, path, 'a number');
const arr = (v: unknown, path: string) => check<unknown[]>(Array.isArray(v), v, path, 'an array');

function product(value: unknown, path: string): BillProduct {
  const p = obj(value, path);
  const total = p.total_amount;
  return {
    id: str(p.id, `${path}.id`),
    name: str(p.name, `${path}.name`),
    category: typeof p.category === 'string' ? p.category : '',
    biller: typeof p.biller === 'string' ? p.biller : '',
    currency: str(p.currency, `${path}.currency`),
    requires_inquiry: p.requires_inquiry === true,
    available: p.available !== false,
    total_amount: total === null || total === undefined ? null : num(total, `${path}.total_amount`),
  };
}

function details(value: unknown, path: string): BillDetail[] {
  if (value === undefined || value === null) return [];
  return arr(value, path).map((d, i) => {
    const o = obj(d, `${path}[${i}]`);
    return { key: str(o.key, `${path}[${i}].key`), value: o.value === null || o.value === undefined ? null : String(o.value) };
  });
}

export function parseBillProducts(value: unknown): BillProduct[] {
  return arr(obj(value, 'products').products, 'products.products').map((p, i) => product(p, `products.products[${i}]`));
}

export function parseBillInquiry(value: unknown): BillInquiryResponseBody {
  const o = obj(value, 'inquiry');
  const s = (key: string) => str(o[key], `inquiry.${key}`);
  const n = (key: string) => num(o[key], `inquiry.${key}`);
  return {
    checkout: s('checkout'),
    product_id: s('product_id'),
    product_name: s('product_name'),
    customer_number: s('customer_number'),
    currency: s('currency'),
    base_amount: n('base_amount'),
    admin_amount: n('admin_amount'),
    total_amount: n('total_amount'),
    customer_details: details(o.customer_details, 'inquiry.customer_details'),
    product_details: details(o.product_details, 'inquiry.product_details'),
    bill_details: details(o.bill_details, 'inquiry.bill_details'),
    expires_at: s('expires_at'),
  };
}

/** What the shop offers (electricity tokens and bills), as the companion lists them. */
export function fetchBillProducts(endpoint: string, signal?: AbortSignal): Promise<BillProduct[]> {
  return call(join(endpoint, 'bills/products'), signal ? { signal } : {}, parseBillProducts);
}

/** What the biller says is owed for a product and customer number, with the checkout handle to pay it. */
export function inquireBill(endpoint: string, productId: string, customerNumber: string, signal?: AbortSignal): Promise<BillInquiryResponseBody> {
  return post(join(endpoint, 'bills/inquiry'), { product_id: productId, customer_number: customerNumber }, parseBillInquiry, signal);
}
