/** The sample responses of the two seed documents, copied verbatim (the request samples are in test/testing/seed-samples.ts). */

export const createCustomerResponse = `{
        "id": "e296f81b-074c-44ef-9977-d0ace6c6df1f",
        "reference_id": "Gryffindor-student-003",
        "given_names": "Harry",
        "email": "harry@hogwarts.co",
        "mobile_number": "+628234567890",
        "description": null,
        "middle_name": null,
        "surname": "Potter",
        "phone_number": null,
        "nationality": null,
        "date_of_birth": null,
        "metadata": null,
        "employment": null,
        "addresses": [
            {
                "category": "",
                "country": "ID",
                "state": "",
                "province": "Daerah Khusus Ibukota Jakarta",
                "city": "Jakarta Pusat",
                "postal_code": "12160",
                "street_line1": "Jalan Makan",
                "street_line2": "",
                "is_preferred": false
            }
        ]
    }`;

export const initiatePlansResponse = `{
    "id" : "plp_49915991-a7a8-4c21-9ae1-de9b95f5cb3d",
    "customer_id": "e296f81b-074c-44ef-9977-d0ace6c6df1f",
    "channel_code": "ID_KREDIVO",
    "currency": "IDR",
    "amount": 10000,
    "order_items": [
        {
            "type": "PHYSICAL_PRODUCT",
            "reference_id": "SKU_backtoschool-promotion123",
            "name": "Nymbus twothousand",
            "net_unit_amount": 10000,
            "quantity": 1,
            "url": "https://www.wzardingworld.com/nymbus",
            "category": "Sports",
            "subcategory": "Equipment",
            "description": "Sports equipment for quidditch",
            "metadata": null
        }
    ],
    "options": [
        {
            "total_amount": 11000,
            "installment_amount": 11000,
            "interval": "MONTH",
            "interval_count": 1,
            "total_recurrence": 1,
            "interest_rate": 0,
            "description": "Bayar dalam 30 hari"
        }
    ],
    "created": "2021-11-01T02:40:47.896Z"
}`;

export const createChargeResponse = `{
    "id" : "plc_b7b2669e-0e3d-4cbd-8b36-cf16be78606c",
    "business_id": "59ed61db656f544f3ca5v6f6",
    "reference_id": "order_id_456",
    "customer_id": "6a55adf8-1520-4651-8a05-9d04e0a4c48d",
    "plan_id": "plp_c0df725d-4997-461d-8530-f2cc661f7e14",
    "currency": "IDR",
    "amount": 5000000,
    "channel_code": "ID_KREDIVO",
    "checkout_method": "ONE_TIME_PAYMENT",
    "status": "PENDING",
    "actions": {
        "desktop_web_checkout_url": "https://pay-sandbox.kredivo.com/signIn?tk=c115175b-cf9c-445e-be24-3091a87e6316",
        "mobile_web_checkout_url": "https://pay-sandbox.kredivo.com/signIn?tk=c115175b-cf9c-445e-be24-3091a87e6316"
    },
    "success_redirect_url": "https://www.wzardingworld.com/successful-payments",
    "failure_redirect_url": "https://www.wzardingworld.com/failed-payments",
    "callback_url": "https://webhook.site/5b30c7db-1873-4afd-b651-0ebaa16c4eee",
    "created": "2021-10-29T06:50:57.877Z",
    "updated": "2021-10-29T06:50:58.213Z",
    "order_items": [
        {
            "type": "PHYSICAL_PRODUCT",
            "reference_id": "SKU_123-456-789",
            "name": "Nymbus 2000",
            "net_unit_amount": 5000000,
            "quantity": 1,
            "url": "https://www.website.com/nymbus-2000",
            "category": "Sports equipment",
            "subcategory": "Quidditch",
            "description": null,
            "metadata": null
        }
    ],
    "voided_at": null,
    "payment_method_id": null,
    "metadata": null,
    "channel_reference": "5cf2bf8a-b705-419a-9d2d-ad7cdf5363e2"
}`;

export const refundChargeResponse = `{
    "id": "plc_3253020b-d8e9-4c0d-ab3a-00f9fc356b48",
    "business_id": "603f1c4172bbe840979fd408",
    "reference_id": "order_id_456",
    "customer_id": "e296f81b-074c-44ef-9977-d0ace6c6df1f",
    "plan_id": "plp_49915991-a7a8-4c21-9ae1-de9b95f5cb3d",
    "currency": "IDR",
    "amount": 10000,
    "channel_code": "ID_KREDIVO",
    "checkout_method": "ONE_TIME_PAYMENT",
    "status": "PENDING",
    "actions": {
        "desktop_web_checkout_url": "https://pay-sandbox.kredivo.com/signIn?tk=259f6b02-d1a8-473f-b871-c9ec57485ce4",
        "mobile_web_checkout_url": "https://pay-sandbox.kredivo.com/signIn?tk=259f6b02-d1a8-473f-b871-c9ec57485ce4"
    },
    "success_redirect_url": "www.wzardingworld.com/successful-refunds.com",
    "failure_redirect_url": "https://wzardingworld.com/failed-refunds",
    "callback_url": "https://webhook.site/d4478770-60be-4556-a8e5-f0d929e1f8cb",
    "created": "2021-11-01T02:41:10.958Z",
    "updated": "2021-11-01T02:41:11.287Z",
    "order_items": [
        {
            "type": "PHYSICAL_PRODUCT",
            "reference_id": "SKU_backtoschool-promotion123",
            "name": "Nymbus twothousand",
            "net_unit_amount": 10000,
            "quantity": 1,
            "url": "https://www.wzardingworld.com/nymbus",
            "category": "Sports",
            "subcategory": "Equipment",
            "description": "Sports equipment for quidditch",
            "metadata": null
        }
    ],
    "voided_at": null,
    "payment_method_id": null,
    "metadata": null,
    "channel_reference": "7524e986-36aa-4f49-89ad-c5ce1948d801"
}`;

export const plnPrepaidPendingResponse = `{
  "data": {
    "business_id": "5f27a14a9bf05c73dd040bc8",
    "type": "payment",
    "id": "trx-98765",
    "properties": {
      "product_id": "PLN_PREPAID_50K",
      "customer_number": "12345678910",
      "reference_id": "tx-pln-001",
      "admin_amount": 3200,
      "base_amount": 50000,
      "total_amount": 53200,
      "currency": "IDR",
      "status": "PENDING",
      "fulfilled_at": null,
      "failure_code": null,
      "failure_reason": null,
      "customer_details": [],
      "product_details": [],
      "bill_details": [],
      "payment_details": []
    }
  }
}`;
