/**
 * The sample request bodies of the seed docs, copied verbatim (as JSON text, so nothing is
 * "corrected" on the way). Other tests can use them: `JSON.parse(SEED_SAMPLES.createCustomer)`.
 * - 000_5f613eefcc2645c6.txt: Xendit PayLater guide (customers, plans, charges, "refund").
 * - 004_8a8e6817ec106f6e.txt: Bill Payments "Create Payment" (PLN prepaid and postpaid).
 */

/** 000: "Sample create customer request" (the 2020-05-19 flat shape). */
export const createCustomer = `{
  "reference_id" : "Gryffindor-student-003",
  "given_names" : "Harry",
  "surname" : "Potter",
  "email" : "harry@hogwarts.co",
  "mobile_number" :  "+629991234567",
  "addresses": [
    {
      "country": "ID",
      "province": "Daerah Khusus Ibukota Jakarta",
      "street_line1": "Jalan Makan",
      "city": "Jakarta Pusat",
      "postal_code": "12160"
    }
  ]
}`;

/** 000: "Sample Simulate PayLater Plans". */
export const initiatePlans = `{
    "customer_id": "e296f81b-074c-44ef-9977-d0ace6c6df1f",
    "channel_code": "ID_KREDIVO",
    "currency": "IDR",
    "amount": 10000,
    "order_items": [{
        "type": "PHYSICAL_PRODUCT",
        "reference_id": "SKU_backtoschool-promotion123",
        "name": "Nymbus twothousand",
        "net_unit_amount": 10000,
        "quantity": 1,
        "url": "https://www.wzardingworld.com/nymbus",
        "category": "Sports",
        "subcategory": "Equipment",
        "description": "Sports equipment for quidditch"
    }]
}`;

/** 000: "Sample Create Charges Request" (its redirect URLs really start with "https://https://"). */
export const createCharge = `{
    "plan_id": "plp_c0df725d-4997-461d-8530-f2cc661f7e14",
    "reference_id": "order_id_456",
    "checkout_method": "ONE_TIME_PAYMENT",
    "success_redirect_url": "https://https://www.wzardingworld.com/successful-payments",
    "failure_redirect_url": "https://https://www.wzardingworld.com/failed-payments"
}`;

/**
 * 000: "Sample Refund PayLater Charge". The guide shows a create-charge body here (and a PENDING
 * charge as its response); it works both as a charge body and, its fields being ignored, as a
 * full-refund body.
 */
export const refundCharge = `{
    "plan_id": "plp_49915991-a7a8-4c21-9ae1-de9b95f5cb3d",
    "reference_id": "order_id_456",
    "checkout_method": "ONE_TIME_PAYMENT",
    "success_redirect_url": "https://www.wzardingworld.com/successful-refunds.com",
    "failure_redirect_url": "https://www.wzardingworl.com/failed-refunds.com"
}`;

/** 004: "PLN Prepaid Payment". */
export const plnPrepaidPayment = `{
  "product_id": "PLN_PREPAID_50K",
  "customer_number": "12345678910",
  "inquiry_id": "inq-98765",
  "reference_id": "tx-pln-001",
  "total_amount": 53200,
  "additional_properties": {}
}`;

/** 004: "PLN Postpaid Payment". */
export const plnPostpaidPayment = `{
  "product_id": "PLN_POSTPAID",
  "customer_number": "22345678910",
  "inquiry_id": "inq-98766",
  "reference_id": "tx-pln-postpaid-001",
  "total_amount": 159500
}`;

/** 004: the header example of the same page. */
export const idempotencyKeyExample = 'unique-idempotency-key-123';

export const SEED_SAMPLES = {
  createCustomer,
  initiatePlans,
  createCharge,
  refundCharge,
  plnPrepaidPayment,
  plnPostpaidPayment,
} as const;
