/** Customers: create (either API version, decided by header or body), find by reference id, read. */
import type * as z from 'zod';
import { CustomerCreateRequest, LegacyCustomerCreateRequest } from '../../../xendit/schemas.js';
import { addressSpelling, answerAddress, customerFieldErrors, customerShape, schemaView, toDocsAddress } from '../../customers.js';
import { SIMULATOR_DECISIONS } from '../../decisions.js';
import { clone, nowIso, SimulatedError, uuid, validationError, zodErrors } from '../../responses.js';
import { notFound, parseJson, type Ctx, type Reply, type Sim } from '../context.js';
import { idempotent } from '../idempotency.js';
import type { SimCustomer } from '../types.js';

export function customerRoutes(sim: Sim) {
  const { customers, customerRefs, decisions, remember } = sim;

  function customerVersion(ctx: Ctx, raw: unknown): 'nested' | 'flat' {
    const header = ctx.headers.get('api-version');
    const shape = customerShape(header, raw);
    if (!shape) throw validationError([{ path: 'API-VERSION', message: 'must be 2020-10-31 or 2020-05-19' }], `API-VERSION ${header?.trim()} is not supported.`);
    return shape;
  }

  /** The shared schema's check plus Xendit's documented field rules, reported together in one 400. */
  function checkCustomer<S extends z.ZodType>(schema: S, raw: unknown, shape: 'nested' | 'flat'): z.output<S> {
    const errors = customerFieldErrors(raw, shape);
    const result = schema.safeParse(schemaView(raw));
    if (!result.success) errors.unshift(...zodErrors(result.error));
    if (errors.length) throw validationError(errors);
    return result.data as z.output<S>;
  }

  /** Request fields the schema view changed back to what the request said (local mobile numbers). */
  function requestMobile(raw: unknown): string | null {
    const mobile = (raw as { mobile_number?: unknown }).mobile_number;
    return typeof mobile === 'string' ? mobile : null;
  }

  function addCustomer(json: SimCustomer) {
    if (customerRefs.has(json.reference_id)) {
      const d = decisions.duplicateCustomer;
      throw new SimulatedError(d.status, d.error_code, `A customer with reference_id ${json.reference_id} already exists.`);
    }
    remember(customers, json.id, { json, fixture: false }, (id, old) => {
      if (customerRefs.get(old.json.reference_id) === id) customerRefs.delete(old.json.reference_id);
    });
    customerRefs.set(json.reference_id, json.id);
  }

  function createCustomer(ctx: Ctx): Reply {
    const raw = parseJson(ctx.text);
    const version = customerVersion(ctx, raw);
    const spelling = addressSpelling((raw as { addresses?: unknown } | null)?.addresses);
    const run = (): Reply => {
      const now = nowIso();
      if (version === 'nested') {
        const body = checkCustomer(CustomerCreateRequest, raw, 'nested');
        // Xendit's rule (SIMULATOR_DECISIONS.customerDetailRequiredByType), whatever the shared schema says.
        const missing = body.type === 'INDIVIDUAL' ? !body.individual_detail && 'individual_detail' : !body.business_detail && 'business_detail';
        if (missing) throw validationError([{ path: missing, message: `is required when type is ${body.type}` }]);
        const json: SimCustomer = {
          id: `cust-${uuid()}`,
          reference_id: body.reference_id,
          type: body.type,
          individual_detail: body.individual_detail
            ? { surname: null, nationality: null, place_of_birth: null, date_of_birth: null, gender: null, employment: null, ...body.individual_detail }
            : null,
          business_detail: body.business_detail ?? null,
          email: body.email ?? null,
          mobile_number: requestMobile(raw),
          phone_number: null,
          hashed_phone_number: null,
          addresses: (body.addresses ?? []).map((a) =>
            answerAddress(
              { street_line1: null, street_line2: null, city: null, province_state: a.province ?? null, postal_code: null, category: null, is_primary: false, ...(toDocsAddress(a) as object) },
              spelling,
            ),
          ),
          identity_accounts: [],
          kyc_documents: [],
          description: body.description ?? null,
          date_of_registration: null,
          domicile_of_registration: null,
          metadata: body.metadata ?? null,
          created: now,
          updated: now,
        };
        addCustomer(json);
        return { status: 200, body: json };
      }
      const body = checkCustomer(LegacyCustomerCreateRequest, raw, 'flat');
      const json: SimCustomer = {
        id: uuid(),
        reference_id: body.reference_id,
        given_names: body.given_names,
        email: body.email ?? null,
        mobile_number: requestMobile(raw),
        description: body.description ?? null,
        middle_name: null,
        surname: body.surname ?? null,
        phone_number: null,
        nationality: null,
        date_of_birth: null,
        metadata: body.metadata ?? null,
        employment: null,
        addresses: (body.addresses ?? []).map((a) => {
          const out: Record<string, unknown> = { category: '', country: a.country, state: '', province: '', city: '', postal_code: '', street_line1: '', street_line2: '', is_preferred: false };
          for (const [k, v] of Object.entries(a)) if (v !== null && v !== undefined) out[k] = v;
          return answerAddress(out, spelling);
        }),
      };
      addCustomer(json);
      return { status: 200, body: json };
    };
    return SIMULATOR_DECISIONS.customerIdempotencyHonoured ? idempotent(sim, ctx, 'customers', raw, run) : run();
  }

  function listCustomers(ctx: Ctx): Reply {
    const reference = ctx.url.searchParams.get('reference_id');
    if (!reference) throw validationError([{ path: 'reference_id', message: 'query parameter is required' }]);
    const id = customerRefs.get(reference);
    const found = id ? customers.get(id) : undefined;
    return { status: 200, body: { data: found ? [clone(found.json)] : [], has_more: false } };
  }

  function getCustomer(ctx: Ctx): Reply {
    const found = customers.get(ctx.params[0]!);
    if (!found) throw notFound('Customer', ctx.params[0]!);
    return { status: 200, body: clone(found.json) };
  }

  return { createCustomer, listCustomers, getCustomer };
}
