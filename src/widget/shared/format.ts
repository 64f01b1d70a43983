/** Money and percentages through `Intl`, cached per locale and options. */

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency?: string): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale,
      currency
        ? {
            style: 'currency',
            currency,
            currencyDisplay: 'narrowSymbol',
            // ISO 4217 gives IDR two decimals, but rupiah amounts have none (Xendit sends integers).
            ...(currency === 'IDR' ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
          }
        : { style: 'percent', maximumFractionDigits: 2 },
    );
    cache.set(key, format);
  }
  return format;
}

/** `Rp 1.500.000` (id), `Rp 1,500,000` (en), `₱1,250.50`: the currency's own decimals (IDR none, PHP two). */
export function formatMoney(locale: string, currency: string, amount: number): string {
  try {
    return formatter(locale, currency.toUpperCase()).format(amount);
  } catch {
    // Not a currency code Intl knows: still readable.
    return `${currency} ${amount}`;
  }
}

/** `2.6%` from 2.6 (the contract's interest rates are percentages). */
export function formatPercent(locale: string, rate: number): string {
  return formatter(locale).format(rate / 100);
}
