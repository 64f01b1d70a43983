export * from './client.js';
export * from './errors.js';
export * as schemas from './schemas.js';
export type {
  BillPayment,
  BillPaymentRequest,
  BillProduct,
  BillProductList,
  BillProductQuery,
  Charge,
  ChargeRequest,
  ChargeStatus,
  Customer,
  CustomerAddressResponse,
  CustomerCreateRequest,
  EchoedOrderItem,
  Inquiry,
  InquiryRequest,
  LegacyCustomerCreateRequest,
  OrderItem,
  PaylaterCallback,
  PaylaterChannel,
  PlanOption as XenditPlanOption,
  Plans,
  PlansRequest,
  Refund,
  RefundList,
  RefundRequest,
} from './schemas.js';
