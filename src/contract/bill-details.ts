/**
 * Finding one fact (the token, the customer's name, ...) in a bill's details. Xendit gives bill
 * details as `{ key, value }` pairs whose keys are human labels that vary by biller and language
 * (docs.xendit.co Get Payment Detail: `payment_details` `Token`, `Serial Number`; Create Inquiry:
 * `customer_details` `Nama Pelanggan`, `Nomor Pelanggan`, `product_details` `Tarif/Daya`, `Denom`),
 * so a value is found by a normalised match over known labels, never by one exact key. The old
 * keys this project's simulator used to invent are kept, so records stored before still read.
 *
 * Its own module (re-exported by `./index.ts`) so that only the bills bundle and the server import
 * it: the main widget bundle never carries the label table.
 */

/** One `{ key, value }` pair, as Xendit and the companion give them. */
export interface BillDetailPair {
  key: string;
  value?: string | null;
}

export type BillField = 'token' | 'kwh' | 'serialNumber' | 'customerName' | 'customerNumber' | 'tariffPower' | 'receipt' | 'denom';

/** Case, spaces and punctuation do not count: "Tarif/Daya", "tarif daya" and "TARIF_DAYA" are one label. */
const normal = (label: string) => label.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Known labels per fact, English and Indonesian, normalised. The first ones are the docs' own. */
const LABELS: Record<BillField, readonly string[]> = {
  token: ['Token', 'Token Number', 'Nomor Token', 'No Token', 'Token Listrik', 'Stroom Token', 'Stroom'],
  kwh: ['kWh', 'Jumlah kWh', 'Jml kWh', 'Total kWh', 'Unit kWh', 'kWh Terbeli', 'Unit kWh Terbeli'],
  serialNumber: ['Serial Number', 'SN', 'Nomor Seri', 'No Seri', 'serial_number'],
  customerName: ['Nama Pelanggan', 'Customer Name', 'Nama', 'Name', 'customer_name'],
  customerNumber: ['Nomor Pelanggan', 'Customer Number', 'ID Pelanggan', 'IDPEL', 'No Pelanggan', 'Nomor Meter', 'No Meter', 'Meter Number', 'customer_id', 'meter_number'],
  tariffPower: ['Tarif/Daya', 'Tariff/Power', 'Tarif', 'Tariff', 'Daya', 'tariff_power'],
  receipt: ['Receipt Number', 'Receipt', 'Nomor Referensi', 'No Referensi', 'No Ref', 'Reference Number', 'Nomor Struk', 'No Struk', 'receipt_number'],
  denom: ['Denom', 'Denomination', 'Nominal', 'denomination'],
};

/**
 * The value of `field` in the first of `lists` that has it (a label earlier in the table wins
 * within a list), or undefined. Empty values do not count. Lists may be missing (a pending payment).
 */
export function billDetail(field: BillField, ...lists: readonly (readonly BillDetailPair[] | null | undefined)[]): string | undefined {
  // Normalised per call (a few dozen short strings): no work at import, so nothing to keep if unused.
  const wanted = LABELS[field].map(normal);
  for (const list of lists) {
    let best: string | undefined;
    let rank = Infinity;
    for (const { key, value } of list ?? []) {
      const at = typeof key === 'string' && value ? wanted.indexOf(normal(key)) : -1;
      if (at >= 0 && at < rank) [best, rank] = [value!, at];
    }
    if (best !== undefined) return best;
  }
  return undefined;
}
