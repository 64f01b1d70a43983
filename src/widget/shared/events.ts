/**
 * The widget's events: each a typed class, bubbling and composed (it crosses shadow roots), with a
 * frozen `detail`. `paylater-redirect` is cancelable: call `preventDefault()` to navigate yourself.
 */
import type { BillStatus, PlanOption, Provider } from '../../contract/index.js';
import type { PaylaterErrorCode } from './client.js';

/** The base of every `paylater-*` event (also of `<paylater-bill-inquiry>`'s). */
export abstract class PaylaterEvent<T extends object> extends Event {
  readonly detail: Readonly<T>;
  constructor(type: string, detail: T, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = Object.freeze(detail);
  }
}

export interface PaylaterReadyDetail {
  currency: string;
  amount: number;
  /** Every provider, available or not, as the companion listed them. */
  providers: readonly Provider[];
  /** When the plans stop being valid (ISO 8601). */
  expiresAt: string;
}
/** Plans loaded and shown. */
export class PaylaterReadyEvent extends PaylaterEvent<PaylaterReadyDetail> {
  constructor(detail: PaylaterReadyDetail) {
    super('paylater-ready', detail);
  }
}

export interface PaylaterSelectDetail {
  channelCode: string;
  name: string;
  planId: string;
  /** The provider's estimated options for this order. */
  options: readonly PlanOption[];
}
/** The shopper picked a provider. */
export class PaylaterSelectEvent extends PaylaterEvent<PaylaterSelectDetail> {
  constructor(detail: PaylaterSelectDetail) {
    super('paylater-select', detail);
  }
}

export interface PaylaterRedirectDetail {
  chargeId: string;
  status: string;
  channelCode: string;
  /** Lets the return page (or your own code) ask the companion for the status later. */
  statusToken: string;
  /** The http(s) URL the widget is about to open. */
  url: string;
  /** Which of the provider's URLs was chosen for this device. */
  kind: 'desktop' | 'mobile' | 'deeplink';
}
/** About to leave for the provider's checkout page. Cancelable: `preventDefault()` keeps the shopper here. */
export class PaylaterRedirectEvent extends PaylaterEvent<PaylaterRedirectDetail> {
  constructor(detail: PaylaterRedirectDetail) {
    super('paylater-redirect', detail, true);
  }
}

export interface PaylaterErrorDetail {
  /** Stable code: the companion's (`CHECKOUT_CHANGED`, `UPSTREAM_ERROR`, ...) or `NETWORK_ERROR`, `INVALID_RESPONSE`, `UNSAFE_URL`, `NO_TOKEN`. */
  code: PaylaterErrorCode;
  /** What the shopper was shown, in their language. */
  message: string;
  /** HTTP status, 0 when no answer came. */
  status: number;
  requestId?: string;
  /**
   * What failed: loading plans, creating the charge, reading the status, (`<paylater-bill-inquiry>`)
   * loading the bill products or the bill inquiry, or (`<paylater-message>`) reading the terms.
   */
  stage: 'plans' | 'charge' | 'status' | 'products' | 'inquiry' | 'terms' | 'dialog';
}
/** Something failed; the element shows it in words with a way to retry. */
export class PaylaterErrorEvent extends PaylaterEvent<PaylaterErrorDetail> {
  constructor(detail: PaylaterErrorDetail) {
    super('paylater-error', detail);
  }
}

export interface PaylaterStatusChangeDetail {
  chargeId: string;
  status: string;
  amount: number;
  currency: string;
  channelCode: string;
  /** The order's `reference_id` (the merchant's), e.g. to link to the order; the companion always sends it. */
  referenceId?: string | undefined;
  /** True when the status will not change any more (no more polling); for a bill, once the bill is paid or refunded. */
  final: boolean;
  /** The bill this payment pays (Bill Payments), when it pays one: its status, token or receipt, refund. */
  bill?: BillStatus;
}
/** `<paylater-status>` learnt a (new) status of the charge, or of the bill it pays. */
export class PaylaterStatusChangeEvent extends PaylaterEvent<PaylaterStatusChangeDetail> {
  constructor(detail: PaylaterStatusChangeDetail) {
    super('paylater-status-change', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paylater-ready': PaylaterReadyEvent;
    'paylater-select': PaylaterSelectEvent;
    'paylater-redirect': PaylaterRedirectEvent;
    'paylater-error': PaylaterErrorEvent;
    'paylater-status-change': PaylaterStatusChangeEvent;
  }
}
