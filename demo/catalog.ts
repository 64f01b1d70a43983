/**
 * The demo shop's products and its one shopper. Prices are rupiah (IDR has no minor unit in
 * practice). The Xendit order items use the English names: an item's name is part of the order the
 * companion signs, so it must not change with the page language.
 */
import type { TrustedOrder } from 'paylater-checkout/server';

export type Lang = 'en' | 'id';

export interface Product {
  id: string;
  sku: string;
  name: Record<Lang, string>;
  blurb: Record<Lang, string>;
  price: number;
  /** Xendit order item type and category. */
  type: 'PHYSICAL_PRODUCT' | 'DIGITAL_PRODUCT';
  category: string;
  image: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: 'kopi-gayo',
    sku: 'TP-KOPI-GAYO-250',
    name: { en: 'Gayo arabica coffee, 250 g', id: 'Kopi arabika Gayo, 250 g' },
    blurb: { en: 'Single-origin beans from Aceh, medium roast.', id: 'Biji kopi single origin dari Aceh, sangrai medium.' },
    price: 95_000,
    type: 'PHYSICAL_PRODUCT',
    category: 'Food & Beverages',
    image: 'coffee.svg',
  },
  {
    id: 'kemeja-batik',
    sku: 'TP-BATIK-PARANG',
    name: { en: 'Batik parang shirt', id: 'Kemeja batik parang' },
    blurb: { en: 'Cotton, hand-stamped in Pekalongan.', id: 'Katun, batik cap dari Pekalongan.' },
    price: 349_000,
    type: 'PHYSICAL_PRODUCT',
    category: 'Fashion',
    image: 'shirt.svg',
  },
  {
    id: 'sepatu-kanvas',
    sku: 'TP-SNEAKER-CANVAS',
    name: { en: 'Canvas sneakers', id: 'Sepatu kanvas' },
    blurb: { en: 'Made in Bandung, sizes 38 to 44.', id: 'Buatan Bandung, ukuran 38 sampai 44.' },
    price: 459_000,
    type: 'PHYSICAL_PRODUCT',
    category: 'Fashion',
    image: 'sneaker.svg',
  },
  {
    id: 'earbuds',
    sku: 'TP-EARBUDS-ANC',
    name: { en: 'Wireless earbuds', id: 'Earbuds nirkabel' },
    blurb: { en: '24-hour battery, noise cancelling.', id: 'Baterai 24 jam, peredam bising.' },
    price: 899_000,
    type: 'PHYSICAL_PRODUCT',
    category: 'Electronics',
    image: 'earbuds.svg',
  },
  {
    id: 'rice-cooker',
    sku: 'TP-RICE-COOKER-18',
    name: { en: 'Rice cooker, 1.8 L', id: 'Rice cooker, 1,8 L' },
    blurb: { en: 'Keeps rice warm for 12 hours.', id: 'Nasi tetap hangat selama 12 jam.' },
    price: 1_250_000,
    type: 'PHYSICAL_PRODUCT',
    category: 'Home Appliances',
    image: 'rice-cooker.svg',
  },
  {
    id: 'pln-token-50k',
    sku: 'PLN_PREPAID_50K',
    name: { en: 'PLN prepaid electricity token 50K', id: 'Token listrik PLN prabayar 50K' },
    blurb: {
      // A no-break space after "Rp", as Intl.NumberFormat writes it: an amount never breaks.
      en: 'Rp\u00a050,000 token plus Rp\u00a03,200 admin fee, for your prepaid meter.',
      id: 'Token Rp\u00a050.000 ditambah biaya admin Rp\u00a03.200, untuk meteran prabayar Anda.',
    },
    price: 53_200,
    type: 'DIGITAL_PRODUCT',
    category: 'Utilities',
    image: 'electricity.svg',
  },
];

export const productById = (id: string) => PRODUCTS.find((p) => p.id === id);

/** The demo's one shopper (a real shop takes this from the signed-in account). */
export const SHOPPER: TrustedOrder['customer'] = {
  reference_id: 'toko-pagi-customer-0001',
  given_names: 'Siti',
  surname: 'Rahayu',
  email: 'siti.rahayu@example.co.id',
  mobile_number: '+6281234567890',
  addresses: [
    {
      country: 'ID',
      street_line1: 'Jl. Jenderal Sudirman No. 1',
      city: 'Jakarta Selatan',
      province_state: 'DKI Jakarta',
      postal_code: '12190',
    },
  ],
};

