/**
 * Every choice the simulator makes where XENDIT_API.md says **OPEN** (no source, or sources
 * disagree), or where Xendit documents nothing at all. One table, so a decision is easy to find and
 * to change once the truth is known. Options of `createXenditSimulator` can override the
 * switches marked "overridable" (`decisions: { ... }`).
 *
 * The channel table (min/max per channel, incl. the OPEN ranges of Atome, UangMe and Cashalo) is
 * `SIMULATOR_CHANNELS` in `paylater.ts`; the PLN test numbers are `PLN_TEST_NUMBERS` in `bills.ts`.
 */
export const SIMULATOR_DECISIONS = {
  // ---------------------------------------------------------------- Customers
  /** Docs: 409 DUPLICATE_ERROR; Xendit's SDK specs: 400 DUPLICATE_END_CUSTOMER_ERROR. We answer like the docs. (overridable) */
  duplicateCustomer: { status: 409, error_code: 'DUPLICATE_ERROR' },
  /**
   * `API-VERSION: 2020-10-31` → nested shape, id `cust-<uuid>`; `2020-05-19` → the guide's flat
   * shape, plain UUID id. No header → the body decides: `type`, `individual_detail` or
   * `business_detail` means nested (xendit-node 7, xendit-php 7, python and go send that body
   * without the header), else flat (older SDKs, the guide). A flat body sent WITH the 2020-10-31
   * header is refused (400, `type` missing).
   */
  customerShapeFollowsApiVersionHeader: true,
  /**
   * Addresses: the docs spell `country`, `street_line1`, `street_line2`; the SDKs send
   * `country_code`, `line_1`, `line_2`, `suburb`. Both are accepted. The answer uses the request's
   * spelling; for the SDK spelling the docs' keys are added too, because the same SDK reads answers
   * as `country` / `street_line1` (xendit-node 7 `customer/models/Address.js`).
   */
  customerAddressAnswerSpelling: 'request-spelling (+ docs keys for the SDK spelling)',
  /** Documented field rules: names letters/digits/spaces ≤ 50, email ≤ 50, mobile E.164 or local (081234567890). 400 API_VALIDATION_ERROR otherwise. */
  customerFieldRules: { nameMaxLength: 50, emailMaxLength: 50 },
  /** 2020-10-31: `individual_detail` is required when `type` is INDIVIDUAL, `business_detail` when BUSINESS (Xendit's docs; our zod schema leaves both optional). */
  customerDetailRequiredByType: true,
  /** The documented optional `idempotency-key` on POST /customers is honoured (same key + same body → stored answer; other body → 409 IDEMPOTENCY_ERROR). */
  customerIdempotencyHonoured: true,
  /** Fixture customers of the docs (e296f81b-…, 6a55adf8-…) get reference ids `docs-sample:<id>` so the guide's sample customer (`Gryffindor-student-003`) can still be created. */
  docFixtureReferencePrefix: 'docs-sample:',

  // ---------------------------------------------------------------- PayLater
  /** Idempotency-Key on /paylater/*: OPEN. Recorded, but ignored unless `honourPaylaterIdempotency: true`. (overridable) */
  paylaterIdempotencyHonoured: false,
  /** The plans `amount` must equal Σ net_unit_amount × quantity of `order_items` (undocumented). (overridable) */
  planAmountMustEqualItems: true,
  /** IDR amounts must be whole numbers; PHP amounts at most 2 decimals. */
  wholeIdrAmounts: true,
  /** Test amount that makes plans answer 503 CHANNEL_UNAVAILABLE (the one documented PayLater error). Checked before min/max. */
  channelUnavailableAmount: 10101,
  /** A plan may be used for several charges; duplicate charge `reference_id`s are allowed (Xendit documents neither). */
  oneChargePerPlan: false,
  /**
   * Cancelling a charge of a channel that takes no cancels by API (Atome, Cashalo: not on the docs'
   * cancellations table; `ChannelSpec.cancels`). The answer is not documented: decision, the same
   * as a refund a channel does not take. Checked before the status, and the charge stays PENDING.
   */
  cancelNotAvailable: { status: 400, error_code: 'FEATURE_NOT_AVAILABLE' },
  /** Cancelling a charge that is not PENDING. */
  cancelNotPending: { status: 409, error_code: 'INVALID_STATUS' },
  /** Refunding a charge that is neither SUCCEEDED nor partially REFUNDED. */
  refundNotAllowed: { status: 409, error_code: 'INVALID_STATUS' },
  /** A refund larger than what is left (amount − refunded − pending refunds). */
  overRefund: { status: 400, error_code: 'API_VALIDATION_ERROR' },
  /** Refund on a channel that has no API refunds (Atome, UangMe, Cashalo) or a partial one on BillEase. */
  refundNotAvailable: { status: 400, error_code: 'FEATURE_NOT_AVAILABLE' },
  /** After a partial refund the charge is REFUNDED too, with `refunded_amount` < `amount` ([docs] "full or partial"); further refunds allowed up to the amount. */
  partialRefundMarksRefunded: true,
  /** Refund callbacks: `paylater.refund` (data = the refund) then `paylater.payment` (data = the REFUNDED charge). Shape OPEN. */
  refundCallbackEvents: ['paylater.refund', 'paylater.payment'] as const,
  /**
   * Refunds settle SUCCEEDED unless a refund outcome says otherwise (option `refundOutcome`, or
   * `injectFault({ route: 'refunds', refundFailure: 'INSUFFICIENT_BALANCE' })`): then the refund
   * ends FAILED with that `failure_code` (xendit-java `PaylaterEnum.RefundFailureReason`:
   * INSUFFICIENT_BALANCE, REFUND_FAILED), its callback is sent, and the charge keeps its status.
   */
  refundFailureCodes: ['INSUFFICIENT_BALANCE', 'REFUND_FAILED'] as readonly string[],
  /** `GET /paylater/charges/{id}/refunds` → `{ data: [refund, ...oldest first], has_more: false }` (xendit-php `PayLater::listPayLaterRefund`). */
  refundListShape: 'data+has_more',
  /**
   * Kredivo after a cancel by the API [docs help centre]: the provider page stays usable; if the
   * shopper pays, the credit is refunded automatically and they go to `failure_redirect_url`. The
   * charge becomes SUCCEEDED (callback) then REFUNDED with a SUCCEEDED refund (callbacks as for any
   * refund). Every other channel's page keeps refusing a CANCELLED charge (409 page).
   */
  payableAfterCancelChannels: ['ID_KREDIVO'] as readonly string[],
  /**
   * Checkout page "Cancel" → FAILED (with a callback) and no `failure_code`: Xendit's PayLater
   * charge has none in any SDK (xendit-java `PaylaterCharge`, xendit-php's charge fixtures), so a
   * cancel and a refusal look alike. The API's cancel → CANCELLED (no callback, [docs]).
   */
  checkoutCancelStatus: 'FAILED',
  /** EXPIRED / VOIDED are OPEN: charges never expire on their own in the simulator. */
  chargesExpire: false,
  /** `mobile_deeplink_checkout_url` only for these channels (the checkout page with `?via=app`), null for the others. */
  deeplinkChannels: ['ID_KREDIVO', 'ID_AKULAKU'] as readonly string[],

  // ---------------------------------------------------------------- Bill Payments
  /** Only 2xx answers are stored under an Idempotency-Key; 4xx and 5xx are not, so a fixed or retried request can go through. */
  billIdempotencyStores: '2xx',
  /**
   * A postpaid bill paid once (SUCCEEDED) is not owed any more: a new inquiry for its number, and a
   * payment of an inquiry made before, answer 409 BILL_ALREADY_PAID (the docs' error for a paid
   * bill, as test number …16 answers). (overridable)
   */
  postpaidPaidOnce: true,
  /** Same key + same body → the answer stored the first time (its status then, e.g. PENDING), not the current state. */
  billIdempotencyReplaysFirstAnswer: true,
  /**
   * Bill Payments callbacks: the body of docs.xendit.co "Payment Status Callback" (the payment in
   * `data.data`, status `SUCCEEDDED` as spelled there), sent when a payment ends; headers
   * `X-Callback-Timestamp` (Unix seconds) and `X-Callback-Signature`, HMAC-SHA256 in hex of
   * "<timestamp>.<body>" with the callback token (the docs do not say what is signed: OPEN), and no
   * `x-callback-token` (the docs show none for these).
   */
  billCallbackSignature: 'hmac-sha256(callbackToken, `${timestamp}.${body}`), hex',
  /**
   * An `inquiry_id` the simulator did not issue (e.g. the docs' `inq-98765`) is accepted when the
   * product, customer number and total match what an inquiry would give now. A known inquiry must
   * match the payment's product and customer number.
   */
  unknownInquiryIdAccepted: true,
  /** Products with `requires_inquiry: true` (PLN_POSTPAID) need an `inquiry_id` on payment. */
  requiresInquiryNeedsInquiryId: true,
  /** Test numbers are stateless: paying 22345678910 does not mark its bill paid (only …16 says BILL_ALREADY_PAID). */
  billTestNumbersStateless: true,
  /** Valid numbers (11–12 digits) that are not test numbers behave like the success numbers (postpaid: one month). */
  unknownPlnNumbersSucceed: true,
  /** "Suspected" payments stay PENDING until `settleBillPayment(id, status)`. */
  suspectedStaysPending: true,
  /** Bill payment callbacks are not sent (body and signature are OPEN; Xendit calls polling mandatory). */
  billPaymentCallbacks: false,

  // ---------------------------------------------------------------- Common
  /**
   * Each internal table (customers, plans, charges, refunds, inquiries, bill payments, idempotency
   * answers, request and callback logs) keeps at most this many entries, oldest evicted first, so a
   * long-running demo stays bounded. An evicted object then answers 404 like an unknown one.
   * (option `maxStoredObjects`)
   */
  maxStoredObjects: 50_000,
  /** Validation errors: 400 API_VALIDATION_ERROR, `errors: [{ path: 'order_items.0.url', message }]`. */
  validationErrorPathStyle: 'dotted',
  /** A known path with another method, or an unknown path → 404 NOT_FOUND. */
  unknownRoute: { status: 404, error_code: 'NOT_FOUND' },
  /** Only accepted requests count in the rate-limit window (429s do not). */
  rateLimitCountsRefused: false,
} as const;

export type SimulatorDecisions = typeof SIMULATOR_DECISIONS;

/** The switches an option may override. */
export interface DecisionOverrides {
  duplicateCustomer?: { status: number; error_code: string };
  paylaterIdempotencyHonoured?: boolean;
  planAmountMustEqualItems?: boolean;
  postpaidPaidOnce?: boolean;
}
