import type { XenditClient } from '../../xendit/client.js';
import type { Logger } from '../logger.js';
import type { Flights } from '../single-flight.js';
import type { Store } from '../store.js';
import type { Ledger } from './ledger.js';
import type { Limiter } from './limits.js';
import type { CheckedConfig, CompanionOptions } from './options.js';
import type { TrustedOrder } from './order.js';
import type { TermsEngine } from './terms/engine.js';
import type { CompanionPlugin } from './plugin.js';

/** What every route gets: one small object instead of a closure over everything. */
export interface CompanionContext {
  options: CompanionOptions;
  config: CheckedConfig;
  store: Store;
  xendit: XenditClient;
  logger: Logger;
  signingKey: Promise<CryptoKey>;
  ledger: Ledger;
  /** Concurrent identical Xendit calls share one (across instances with a shared store). */
  flights: Flights;
  limiter: Limiter;
  /** The eligibility engine: which providers take an amount, and their terms (plans and terms routes alike). */
  terms: TermsEngine;
  plugins: CompanionPlugin[];
  /** The trusted order behind a checkout handle (a plug-in's or the merchant's `resolveCheckout`), checked. */
  resolve(request: Request, checkout: string): Promise<{ order: TrustedOrder; plugin: CompanionPlugin | undefined }>;
}
