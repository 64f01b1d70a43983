/**
 * Objects the Xendit PayLater guide (seed `000_...txt`) refers to by id without creating them:
 * its plans sample uses customer `e296f81b-…`, its charge sample plan `plp_c0df725d-…` (whose
 * response names customer `6a55adf8-…`), and its "refund" sample plan `plp_49915991-…` (the id of
 * the plans sample response). Pre-registered (option `docFixtures`, default true) so the samples
 * work unchanged. Their reference ids carry a prefix so the guide's sample customer
 * (`Gryffindor-student-003`) can still be created.
 */
import { SIMULATOR_DECISIONS } from './decisions.js';

const prefix = SIMULATOR_DECISIONS.docFixtureReferencePrefix;

export const DOC_FIXTURE_IDS = {
  customer: 'e296f81b-074c-44ef-9977-d0ace6c6df1f',
  chargeSampleCustomer: '6a55adf8-1520-4651-8a05-9d04e0a4c48d',
  plansSamplePlan: 'plp_49915991-a7a8-4c21-9ae1-de9b95f5cb3d',
  chargeSamplePlan: 'plp_c0df725d-4997-461d-8530-f2cc661f7e14',
} as const;

function flatCustomer(id: string, given: string, surname: string, email: string, mobile: string) {
  return {
    id,
    reference_id: `${prefix}${id}`,
    given_names: given,
    email,
    mobile_number: mobile,
    description: null,
    middle_name: null,
    surname,
    phone_number: null,
    nationality: null,
    date_of_birth: null,
    metadata: null,
    employment: null,
    addresses: [
      {
        category: '',
        country: 'ID',
        state: '',
        province: 'Daerah Khusus Ibukota Jakarta',
        city: 'Jakarta Pusat',
        postal_code: '12160',
        street_line1: 'Jalan Makan',
        street_line2: '',
        is_preferred: false,
      },
    ],
  };
}

export function docFixtureCustomers(): Record<string, unknown>[] {
  return [
    flatCustomer(DOC_FIXTURE_IDS.customer, 'Harry', 'Potter', 'harry@hogwarts.co', '+628234567890'),
    flatCustomer(DOC_FIXTURE_IDS.chargeSampleCustomer, 'Hermione', 'Granger', 'hermione@hogwarts.co', '+628234567891'),
  ];
}

export interface FixturePlanSeed {
  id: string;
  customer_id: string;
  channel_code: string;
  currency: string;
  amount: number;
  created: string;
  order_items: Record<string, unknown>[];
}

export function docFixturePlans(): FixturePlanSeed[] {
  return [
    {
      id: DOC_FIXTURE_IDS.plansSamplePlan,
      customer_id: DOC_FIXTURE_IDS.customer,
      channel_code: 'ID_KREDIVO',
      currency: 'IDR',
      amount: 10000,
      created: '2021-11-01T02:40:47.896Z',
      order_items: [
        {
          type: 'PHYSICAL_PRODUCT',
          reference_id: 'SKU_backtoschool-promotion123',
          name: 'Nymbus twothousand',
          net_unit_amount: 10000,
          quantity: 1,
          url: 'https://www.wzardingworld.com/nymbus',
          category: 'Sports',
          subcategory: 'Equipment',
          description: 'Sports equipment for quidditch',
          metadata: null,
        },
      ],
    },
    {
      id: DOC_FIXTURE_IDS.chargeSamplePlan,
      customer_id: DOC_FIXTURE_IDS.chargeSampleCustomer,
      channel_code: 'ID_KREDIVO',
      currency: 'IDR',
      amount: 5_000_000,
      created: '2021-10-29T06:50:57.877Z',
      order_items: [
        {
          type: 'PHYSICAL_PRODUCT',
          reference_id: 'SKU_123-456-789',
          name: 'Nymbus 2000',
          net_unit_amount: 5_000_000,
          quantity: 1,
          url: 'https://www.website.com/nymbus-2000',
          category: 'Sports equipment',
          subcategory: 'Quidditch',
          description: null,
          metadata: null,
        },
      ],
    },
  ];
}
