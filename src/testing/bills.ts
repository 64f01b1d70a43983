/**
 * Bill Payments as the simulator plays them: the PLN products, the test customer numbers of
 * XENDIT_API.md (one table), and what an inquiry would find for a number.
 */
import type { BillDetail } from '../xendit/schemas.js';

export interface BillProductSpec {
  id: string;
  product_name: string;
  category: string;
  biller: string;
  country: string;
  currency: string;
  requires_inquiry: boolean;
  availability_status: string;
  /** null for postpaid: the amount comes from the inquiry. */
  admin_amount: number | null;
  base_amount: number | null;
  total_amount: number | null;
  kind: 'prepaid' | 'postpaid';
}

/** The products `GET /product` lists, in this order. PLN_PREPAID_50K = 50 000 + 3 200 admin = 53 200 (seed). */
export const BILL_PRODUCTS: readonly BillProductSpec[] = [
  { id: 'PLN_PREPAID_50K', product_name: 'PLN Token 50.000', category: 'ELECTRICITY', biller: 'PLN', country: 'ID', currency: 'IDR', requires_inquiry: false, availability_status: 'AVAILABLE', admin_amount: 3_200, base_amount: 50_000, total_amount: 53_200, kind: 'prepaid' },
  { id: 'PLN_PREPAID_200K', product_name: 'PLN Token 200.000', category: 'ELECTRICITY', biller: 'PLN', country: 'ID', currency: 'IDR', requires_inquiry: false, availability_status: 'AVAILABLE', admin_amount: 3_200, base_amount: 200_000, total_amount: 203_200, kind: 'prepaid' },
  { id: 'PLN_POSTPAID', product_name: 'PLN Tagihan Listrik', category: 'ELECTRICITY', biller: 'PLN', country: 'ID', currency: 'IDR', requires_inquiry: true, availability_status: 'AVAILABLE', admin_amount: null, base_amount: null, total_amount: null, kind: 'postpaid' },
];

/** Admin fee per month of postpaid bills. */
export const POSTPAID_ADMIN_PER_MONTH = 2_500;
/** Monthly bill amounts, newest first; 22345678910 owes one month: 157 000 + 2 500 = 159 500 (the seed's sample total). */
export const POSTPAID_MONTHLY_BILLS = [157_000, 148_500, 162_250, 139_900, 151_300, 144_750] as const;

/** What a test number does. `error` answers at inquiry and payment alike unless `at` says otherwise. */
export type PlnOutcome =
  | { kind: 'success'; months?: number }
  | { kind: 'error'; status: number; code: string; message: string; at: 'both' | 'payment' }
  | { kind: 'fails-later'; failure_code: string; failure_reason: string }
  | { kind: 'fails-at-once'; failure_code: string; failure_reason: string }
  | { kind: 'suspected' };

interface PlnRow {
  meaning: string;
  outcome: PlnOutcome;
}

const err = (status: number, code: string, message: string, at: 'both' | 'payment' = 'both'): PlnOutcome => ({ kind: 'error', status, code, message, at });

/**
 * The PLN test customer numbers (XENDIT_API.md, "Test-mode customer numbers") and what each does.
 * `meaning` quotes the documented scenario; `outcome` is how the simulator plays it (the mapping
 * to HTTP status/code and inquiry-vs-payment is a decision where the docs say no more).
 *   - `error` at 'both': inquiry and payment answer that error;
 *   - `error` at 'payment': the inquiry succeeds, the payment answers the error;
 *   - `fails-later`: payment 200 PENDING, then FAILED after `billSettleMs`;
 *   - `fails-at-once`: payment 200 with status FAILED right away;
 *   - `suspected`: payment 200 PENDING and stays so until `settleBillPayment()`.
 */
export const PLN_TEST_NUMBERS: Readonly<Record<'prepaid' | 'postpaid', Readonly<Record<string, PlnRow>>>> = {
  prepaid: {
    '12345678910': { meaning: 'success', outcome: { kind: 'success' } },
    '12345678911': { meaning: 'invalid customer number', outcome: err(404, 'CUSTOMER_NOT_FOUND', 'The customer number was not found at the biller.') },
    '12345678912': { meaning: 'biller timeout', outcome: err(504, 'BILLER_TIMEOUT', 'The biller did not answer in time.') },
    '12345678913': { meaning: 'biller maintenance', outcome: err(503, 'BILLER_MAINTENANCE', 'The biller is under maintenance.') },
    '12345678914': { meaning: 'product not found', outcome: err(404, 'PRODUCT_NOT_FOUND', 'The product is not available for this customer number.') },
    '12345678915': { meaning: 'number not 11–12 digits', outcome: err(400, 'API_VALIDATION_ERROR', 'customer_number must have 11 to 12 digits.') },
    '12345678916': { meaning: 'fails after payment', outcome: { kind: 'fails-later', failure_code: 'BILLER_ERROR', failure_reason: 'The biller failed the transaction after the payment was accepted.' } },
    '12345678917': { meaning: 'duplicate reference', outcome: err(409, 'DUPLICATE_REFERENCE_ID', 'A payment with this reference_id already exists.', 'payment') },
    '12345678918': { meaning: 'over kWh limit', outcome: err(400, 'KWH_LIMIT_EXCEEDED', 'The customer has reached the kWh purchase limit.') },
    '12345678919': { meaning: 'failed', outcome: { kind: 'fails-at-once', failure_code: 'TRANSACTION_FAILED', failure_reason: 'The biller refused the transaction.' } },
    '12345678920': { meaning: 'suspected', outcome: { kind: 'suspected' } },
  },
  postpaid: {
    '22345678910': { meaning: 'success, 1 month of bills', outcome: { kind: 'success', months: 1 } },
    '22345678911': { meaning: 'success, 2 months of bills', outcome: { kind: 'success', months: 2 } },
    '22345678912': { meaning: 'success, 3 months of bills', outcome: { kind: 'success', months: 3 } },
    '22345678913': { meaning: 'success, 6 months of bills', outcome: { kind: 'success', months: 6 } },
    '22345678915': { meaning: 'invalid number', outcome: err(404, 'CUSTOMER_NOT_FOUND', 'The customer number was not found at the biller.') },
    '22345678916': { meaning: 'already paid', outcome: err(409, 'BILL_ALREADY_PAID', 'The bill has already been paid.') },
    '22345678917': { meaning: 'timeout', outcome: err(504, 'BILLER_TIMEOUT', 'The biller did not answer in time.') },
    '22345678918': { meaning: 'maintenance', outcome: err(503, 'BILLER_MAINTENANCE', 'The biller is under maintenance.') },
    '22345678919': { meaning: 'product not found', outcome: err(404, 'PRODUCT_NOT_FOUND', 'The product is not available for this customer number.') },
    '22345678920': { meaning: 'number restricted', outcome: err(403, 'CUSTOMER_NUMBER_RESTRICTED', 'Payments to this customer number are restricted.') },
    '22345678921': { meaning: 'general error', outcome: err(502, 'BILLER_ERROR', 'The biller answered with an error.') },
    '22345678922': { meaning: 'invalid inquiry', outcome: err(400, 'INVALID_INQUIRY', 'The inquiry is invalid or expired; make a new inquiry.', 'payment') },
    '22345678923': { meaning: 'failed', outcome: { kind: 'fails-at-once', failure_code: 'TRANSACTION_FAILED', failure_reason: 'The biller refused the transaction.' } },
    '22345678924': { meaning: 'suspected', outcome: { kind: 'suspected' } },
  },
};

export function findProduct(id: string): BillProductSpec | undefined {
  return BILL_PRODUCTS.find((p) => p.id === id);
}

/** The outcome for a number: a test number's row, else the length rule, else success. */
export function plnOutcome(product: BillProductSpec, customerNumber: string): PlnOutcome {
  const row = PLN_TEST_NUMBERS[product.kind][customerNumber];
  if (row) return row.outcome;
  if (!/^\d{11,12}$/.test(customerNumber)) return err(400, 'API_VALIDATION_ERROR', 'customer_number must have 11 to 12 digits.');
  return { kind: 'success', months: 1 };
}

export interface BillQuote {
  admin_amount: number;
  base_amount: number;
  total_amount: number;
  currency: string;
  customer_details: BillDetail[];
  product_details: BillDetail[];
  bill_details: BillDetail[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MEI', 'JUN', 'JUL', 'AGU', 'SEP', 'OKT', 'NOV', 'DES'];

/**
 * What an inquiry finds for a number whose outcome lets it through. Deterministic per number. The
 * details' keys are the labels of docs.xendit.co Create Inquiry (PLN prepaid): `customer_details`
 * `Nama Pelanggan`, `Nomor Pelanggan`; `product_details` `Tarif/Daya`, `Denom`; `bill_details`
 * `Admin`. The docs give no postpaid example: its periods stay `period_n`/`amount_n` (a decision).
 */
export function quote(product: BillProductSpec, customerNumber: string, months = 1): BillQuote {
  const customer_details: BillDetail[] = [
    { key: 'Nama Pelanggan', value: `PELANGGAN SIMULASI ${customerNumber.slice(-4)}` },
    { key: 'Nomor Pelanggan', value: customerNumber },
  ];
  const tariff: BillDetail = { key: 'Tarif/Daya', value: 'R1/1300VA' };
  if (product.kind === 'prepaid') {
    return {
      admin_amount: product.admin_amount!,
      base_amount: product.base_amount!,
      total_amount: product.total_amount!,
      currency: product.currency,
      customer_details,
      product_details: [tariff, { key: 'Denom', value: product.base_amount!.toLocaleString('id-ID') }],
      bill_details: [{ key: 'Admin', value: String(product.admin_amount) }],
    };
  }
  const bills = POSTPAID_MONTHLY_BILLS.slice(0, months);
  const base = bills.reduce((a, b) => a + b, 0);
  const admin = POSTPAID_ADMIN_PER_MONTH * bills.length;
  const now = new Date();
  const bill_details: BillDetail[] = [{ key: 'bill_count', value: String(bills.length) }];
  bills.forEach((amount, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - i, 1));
    bill_details.push({ key: `period_${i + 1}`, value: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` });
    bill_details.push({ key: `amount_${i + 1}`, value: String(amount) });
  });
  return {
    admin_amount: admin,
    base_amount: base,
    total_amount: base + admin,
    currency: product.currency,
    customer_details,
    product_details: [tariff],
    bill_details,
  };
}

function digits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 1) out += String(Math.floor(Math.random() * 10));
  return out;
}

/**
 * `payment_details` of a fulfilled payment, keyed as docs.xendit.co Get Payment Detail shows them:
 * `Token` ("1234-5678-9012-3456-7890": 20 digits in dashed groups) and `Serial Number`. The docs
 * show no kWh and no receipt label, so none is invented: a postpaid payment has its serial number.
 */
export function fulfilmentDetails(product: BillProductSpec, _base?: number): BillDetail[] {
  const serial = { key: 'Serial Number', value: `PLN${digits(17)}` };
  if (product.kind === 'prepaid') return [{ key: 'Token', value: digits(20).replace(/(\d{4})(?=\d)/g, '$1-') }, serial];
  return [serial];
}
