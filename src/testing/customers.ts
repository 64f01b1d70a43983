/**
 * Xendit's Customers rules that the client's own schemas do not hold: which body shape a request
 * without `API-VERSION` means, the two address spellings, and the documented field rules. Kept out
 * of `src/xendit/schemas.ts` on purpose: that file says what *we* send and read; this one says what
 * Xendit refuses, so a merchant meets the refusal in tests and not on the day they go live.
 */
import { SIMULATOR_DECISIONS } from './decisions.js';

export type CustomerShape = 'nested' | 'flat';
export type AddressSpelling = 'docs' | 'sdk';

interface FieldError {
  path: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The shape of a create-customer body. With a header, the header decides (2020-05-19 flat,
 * 2020-10-31 nested). Without one, the body does: xendit-node 7, xendit-php 7, python and go send
 * the nested body with no header (xendit-node `customer/apis/Customer.js` sets no API-VERSION), the
 * older SDKs and the PayLater guide send the flat one. Undefined: an unknown version.
 */
export function customerShape(apiVersion: string | null, body: unknown): CustomerShape | undefined {
  const version = apiVersion?.trim();
  if (version === '2020-10-31') return 'nested';
  if (version === '2020-05-19') return 'flat';
  if (version !== undefined && version !== '') return undefined;
  return isObject(body) && ('type' in body || 'individual_detail' in body || 'business_detail' in body) ? 'nested' : 'flat';
}

/** SDK spelling → docs spelling (xendit-node 7 `customer/models/AddressRequest.js` sends the left side). */
const SDK_TO_DOCS: Record<string, string> = { country_code: 'country', line_1: 'street_line1', line_2: 'street_line2' };

/** The spelling a request used: the SDK's as soon as one address has one of its keys. */
export function addressSpelling(addresses: unknown): AddressSpelling {
  if (!Array.isArray(addresses)) return 'docs';
  return addresses.some((a) => isObject(a) && Object.keys(SDK_TO_DOCS).some((k) => k in a)) ? 'sdk' : 'docs';
}

/** An address in the docs' spelling, so one schema checks both (a docs key wins over its SDK twin). */
export function toDocsAddress(address: unknown): unknown {
  if (!isObject(address)) return address;
  const out: Json = { ...address };
  for (const [sdk, docs] of Object.entries(SDK_TO_DOCS)) {
    if (sdk in out) {
      if (out[docs] === undefined || out[docs] === null) out[docs] = out[sdk];
      delete out[sdk];
    }
  }
  return out;
}

/**
 * An answered address in the request's spelling. For the SDK spelling the docs' keys come along too:
 * the same SDK reads answers as `country` / `street_line1` (`customer/models/Address.js`), so an
 * answer with only `country_code` would lose the country in Xendit's own client
 * (SIMULATOR_DECISIONS.customerAddressAnswerSpelling).
 */
export function answerAddress(docsAddress: Json, spelling: AddressSpelling): Json {
  if (spelling === 'docs') return docsAddress;
  const out: Json = { ...docsAddress };
  for (const [sdk, docs] of Object.entries(SDK_TO_DOCS)) out[sdk] = docsAddress[docs] ?? null;
  if (!('suburb' in out)) out.suburb = null;
  return out;
}

const rules = SIMULATOR_DECISIONS.customerFieldRules;
const NAME = /^[\p{L}\p{M}\p{Nd} ]+$/u;
const E164 = /^\+[1-9]\d{6,14}$/;
const LOCAL = /^0\d{6,14}$/;

function nameErrors(value: unknown, path: string, errors: FieldError[]) {
  if (typeof value !== 'string') return;
  if (!NAME.test(value)) errors.push({ path, message: 'may contain letters, numbers and spaces only' });
  if ([...value].length > rules.nameMaxLength) errors.push({ path, message: `must be at most ${rules.nameMaxLength} characters` });
}

/**
 * The documented field rules [docs]: given_names and surname letters, digits and spaces only, at
 * most 50 characters; email at most 50; mobile_number E.164 (+628123456789) or local (081234567890).
 * Returns the errors in Xendit's `errors[]` form (empty when the body passes).
 */
export function customerFieldErrors(body: unknown, shape: CustomerShape): FieldError[] {
  if (!isObject(body)) return [];
  const errors: FieldError[] = [];
  const names = shape === 'nested' ? body.individual_detail : body;
  const prefix = shape === 'nested' ? 'individual_detail.' : '';
  if (isObject(names)) {
    nameErrors(names.given_names, `${prefix}given_names`, errors);
    nameErrors(names.surname, `${prefix}surname`, errors);
  }
  if (typeof body.email === 'string' && [...body.email].length > rules.emailMaxLength) {
    errors.push({ path: 'email', message: `must be at most ${rules.emailMaxLength} characters` });
  }
  const mobile = body.mobile_number;
  if (mobile !== undefined && mobile !== null && !(typeof mobile === 'string' && (E164.test(mobile) || LOCAL.test(mobile)))) {
    errors.push({ path: 'mobile_number', message: 'must be E.164 (+628123456789) or local format (081234567890)' });
  }
  return errors;
}

/**
 * The body the shared schema checks: addresses in the docs' spelling, and `mobile_number` left out
 * when it is in local format (the client's schema knows E.164 only; the rule above checked it).
 */
export function schemaView(body: unknown): unknown {
  if (!isObject(body)) return body;
  const out: Json = { ...body };
  if (Array.isArray(out.addresses)) out.addresses = out.addresses.map(toDocsAddress);
  if (typeof out.mobile_number === 'string' && LOCAL.test(out.mobile_number)) delete out.mobile_number;
  return out;
}
