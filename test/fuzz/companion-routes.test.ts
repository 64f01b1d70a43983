/**
 * Property-based fuzzing of every companion route with fast-check: arbitrary JSON, arbitrary
 * strings and bytes, wrong types, huge and deeply nested bodies, odd headers and methods, unknown
 * paths. Whatever is sent, the companion answers (never throws), never with a 5xx, and every
 * refusal is a 4xx with a stable code from `ERROR_CODES`. Valid pieces (a real quote, plan ids, a
 * status token, the callback token) are mixed in so the generated requests get past the first
 * checks and reach the deeper code.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertWellFormed, CALLBACK_TOKEN, fuzzCompanion, read, runs } from './support.js';

const BASE = 'https://shop.example/paylater';
const ROUTES = ['plans', 'charges', 'status', 'webhooks/xendit', 'bills/products', 'bills/inquiry'] as const;
const CHANNELS = ['ID_KREDIVO', 'ID_AKULAKU', 'ID_INDODANA', 'ID_ATOME', 'ID_UANGME', 'PH_BILLEASE', 'PH_CASHALO'];
const PLN = ['12345678910', '12345678911', '12345678912', '12345678913', '22345678921', '12345678915', '12345678918', '22345678910', '22345678916', '22345678920', '22345678922'];

let setup: ReturnType<typeof fuzzCompanion>;
let quote = '';
let planIds: string[] = [];
let statusToken = '';
let chargeId = '';

before(async () => {
  setup = fuzzCompanion();
  const plans = await read(await setup.companion.fetch(new Request(`${BASE}/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"checkout":"cart-1"}' })));
  assert.equal(plans.status, 200, plans.text);
  const body = plans.body as { quote: string; providers: Array<{ available: boolean; plan_id?: string }> };
  quote = body.quote;
  planIds = body.providers.filter((p) => p.available).map((p) => p.plan_id!);
  const charge = await read(await setup.companion.fetch(new Request(`${BASE}/charges`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quote, plan_id: planIds[0] }) })));
  assert.equal(charge.status, 200, charge.text);
  ({ status_token: statusToken, charge_id: chargeId } = charge.body as { status_token: string; charge_id: string });
});
/** Answers seen, by status and code: printed at the end, so a run shows how deep the inputs went. */
const seen = new Map<string, number>();
after(async () => {
  await setup.simulator.close();
  const tally = [...seen].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`);
  console.log(`companion answers seen (${[...seen.values()].reduce((a, b) => a + b, 0)} requests): ${tally.join(', ')}`);
});

// ---------------------------------------------------------------- arbitraries

/** Strings people and attackers send: markup, control characters, prototype keys, long runs, emoji. */
const hostile = fc.oneof(
  fc.constantFrom('', ' ', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u0000', '\uFFFF', '\uD800', '__proto__', 'constructor', 'toString', 'null', 'undefined', 'NaN', '../../etc/passwd', '%00', '𝕏'.repeat(300), 'a'.repeat(10_000), '١٢٣', '\u202Eevil'),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ maxLength: 300 }),
);
const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }), fc.object({ maxDepth: 2 }), hostile);
const anyValue = fc.oneof(wrongType, fc.anything({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 4 }));

/** A value that is sometimes the right thing and often not. */
const sometimes = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: anyValue });

/**
 * A valid body, then up to two mutations: a field dropped, replaced by a value of any type, or a
 * field added. Half the bodies stay valid, so the deeper code (Xendit calls, the store, the hook)
 * runs as often as the validation.
 */
function mutated(valid: fc.Arbitrary<Record<string, unknown>>) {
  const mutation = fc.record({ kind: fc.constantFrom('drop', 'replace', 'add'), pick: fc.nat(), key: fc.oneof(hostile, fc.constantFrom('__proto__', 'constructor')), value: anyValue });
  return fc.tuple(valid, fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 2 }))).map(([body, mutations]) => {
    const out: Record<string, unknown> = { ...body };
    for (const m of mutations) {
      const keys = Object.keys(out);
      const key = keys.length ? keys[m.pick % keys.length]! : m.key;
      if (m.kind === 'drop') delete out[key];
      else if (m.kind === 'replace') out[key] = m.value;
      else Object.defineProperty(out, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
    return out;
  });
}

const tamperedQuote = fc.oneof(
  { weight: 4, arbitrary: fc.constant(() => quote) },
  fc.nat().map((i) => () => {
    const at = i % quote.length;
    return quote.slice(0, at) + (quote[at] === 'A' ? 'B' : 'A') + quote.slice(at + 1);
  }),
  fc.constant(() => quote.split('.').slice(0, 2).join('.')),
  fc.constant(() => `v2.${quote.slice(3)}`),
  fc.constant(() => `${quote}.extra`),
  fc.string({ maxLength: 200 }).map((s) => () => `v1.${s}.${s}`),
);

const chargeData = fc.record({
  id: fc.oneof({ weight: 3, arbitrary: fc.constant('__CHARGE__') }, fc.constantFrom('plc_unknown', '__proto__', 'constructor'), fc.string({ minLength: 1, maxLength: 40 })),
  reference_id: fc.oneof(fc.constant('fuzz-order-1'), fc.string({ maxLength: 40 })),
  currency: fc.constantFrom('IDR', 'PHP', 'XXX'),
  amount: fc.oneof(fc.constant(1_500_000), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  channel_code: fc.constantFrom(...CHANNELS, 'XX_NEW'),
  status: fc.constantFrom('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'CANCELLED', 'VOIDED', 'EXPIRED', 'SOMETHING_NEW'),
  plan_id: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
  actions: fc.oneof(fc.constant(null), fc.record({ desktop_web_checkout_url: fc.oneof(fc.webUrl(), fc.constant('javascript:alert(1)')) })),
  metadata: fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })),
});
const refundData = fc.record({
  id: fc.oneof(fc.constant('plr_fuzz'), fc.string({ minLength: 1, maxLength: 40 })),
  charge_id: fc.oneof({ weight: 3, arbitrary: fc.constant('__CHARGE__') }, fc.constantFrom('plc_unknown', '')),
  currency: fc.constantFrom('IDR', 'PHP'),
  amount: fc.oneof(fc.constant(1_500_000), fc.integer()),
  status: fc.constantFrom('PENDING', 'SUCCEEDED', 'FAILED', 'SOMETHING_NEW'),
});

const bodies = {
  plans: mutated(
    fc.record(
      {
        checkout: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('cart-1', 'cart-2') }, fc.constantFrom('cart-unknown', 'bill_unknown0123456789', 'bill_', '__proto__'), hostile),
        channels: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CHANNELS) }, hostile), { maxLength: 25 }),
        locale: fc.constantFrom('en', 'id', 'id-ID', 'th', 'x'.repeat(40)),
      },
      { requiredKeys: ['checkout'] },
    ),
  ),
  charges: fc
    .record({ quote: fc.oneof({ weight: 3, arbitrary: tamperedQuote }, anyValue.map((v) => () => v)), plan: sometimes(fc.nat().map((i) => () => planIds[i % planIds.length])) }, { requiredKeys: [] })
    .map(({ quote: q, plan }) => ({
      ...(q ? { quote: q() } : {}),
      ...(plan !== undefined ? { plan_id: typeof plan === 'function' ? plan() : plan } : {}),
    })),
  webhook: mutated(
    fc.oneof(
      fc.record({ event: fc.constant('paylater.payment'), business_id: fc.string({ maxLength: 30 }), created: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), data: mutated(chargeData) }),
      fc.record({ event: fc.constant('paylater.refund'), business_id: fc.string({ maxLength: 30 }), data: mutated(refundData) }),
      fc.record({ event: fc.oneof(fc.constantFrom('paylater.something_new', 'bill_payment.succeeded'), hostile), data: fc.record({ id: fc.string({ minLength: 1 }) }) }),
    ),
  ),
  inquiry: mutated(
    fc.record({
      product_id: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('PLN_PREPAID_20K', 'PLN_PREPAID_50K', 'PLN_POSTPAID') }, fc.constantFrom('PLN_NOPE', 'pln_prepaid_20k'), hostile),
      customer_number: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PLN) }, fc.stringMatching(/^\d{1,32}$/), hostile),
    }),
  ),
};

/** Raw bodies: not JSON, not UTF-8, huge, deeply nested, a bare value. */
const rawBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  anyValue.map((v) => {
    try {
      return JSON.stringify(v) ?? 'undefined';
    } catch {
      return '{}';
    }
  }),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.constantFrom('', ' ', 'null', '[]', '{}', '"x"', '1e999', '{"a":', '\uFEFF{}', '{"__proto__":{"admin":true}}', '{"checkout":"cart-1","checkout":{"x":1}}'),
  fc.integer({ min: 1, max: 400 }).map((kb) => `{"checkout":"${'x'.repeat(kb * 1024)}"}`),
  fc.integer({ min: 10, max: 50_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 10, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
);

const contentType = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/jsonp',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  undefined,
);
const origin = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<string | undefined>(undefined, 'https://shop.example') },
  fc.constantFrom('https://evil.example', 'null', 'http://shop.example', 'https://shop.example:443', 'file://', 'https://shop.example.evil.example'),
);
const callbackToken = fc.oneof({ weight: 3, arbitrary: fc.constant<string | undefined>(CALLBACK_TOKEN) }, fc.constant(undefined), fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)));
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,60}[\x21-\x7e])?$/);
const extraHeaders = fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 });
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'post', 'PROPFIND', 'X-CUSTOM');

const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ROUTES).map((r) => `/paylater/${r}`) },
  fc.constantFrom(...ROUTES).map((r) => `/paylater/${r}/`),
  fc.constantFrom(...ROUTES).map((r) => `/elsewhere/deeper/${r}`),
  fc.constantFrom(...ROUTES).map((r) => `/paylater/${r}/extra`),
  fc.constantFrom('/', '/paylater', '/paylater/', '/paylater/unknown', '/paylater/%2e%2e/plans', '/paylater//plans', '/paylater/PLANS', '/paylater/webhooks', '/paylater/bills', '/paylater/plans%00', '/paylater/%ZZ'),
  fc.string({ maxLength: 40 }).map((s) => `/paylater/${encodeURIComponent(s)}`),
);
const query = fc.oneof(
  fc.constant(''),
  fc.constant('?token=__TOKEN__'),
  fc.stringMatching(/^[A-Za-z0-9_-]{20,128}$/).map((t) => `?token=${t}`),
  fc.string({ maxLength: 80 }).map((s) => `?token=${encodeURIComponent(s)}`),
  fc.constantFrom('?token=', '?token=a&token=b', '?token=%', '?token[]=x', `?token=${'a'.repeat(129)}`),
);

interface Probe {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | Uint8Array | undefined;
}

function request(probe: Probe): Request {
  const headers = new Headers();
  for (const [name, value] of probe.headers) headers.set(name, value);
  const bodyless = ['GET', 'HEAD'].includes(probe.method.toUpperCase());
  return new Request(probe.url, { method: probe.method, headers, ...(bodyless || probe.body === undefined ? {} : { body: probe.body as BodyInit }) });
}

function describeProbe(probe: Probe) {
  const body = probe.body === undefined ? '' : typeof probe.body === 'string' ? probe.body.slice(0, 200) : `<${probe.body.byteLength} bytes>`;
  return `${probe.method} ${probe.url.slice(0, 200)} ${JSON.stringify(probe.headers).slice(0, 300)} ${body}`;
}

function headersOf(type: string | undefined, from: string | undefined, token: string | undefined, extra: Array<[string, string]>): Array<[string, string]> {
  return [
    ...extra,
    ...(type === undefined ? [] : ([['content-type', type]] as Array<[string, string]>)),
    ...(from === undefined ? [] : ([['origin', from]] as Array<[string, string]>)),
    ...(token === undefined ? [] : ([['x-callback-token', token]] as Array<[string, string]>)),
  ];
}

async function probeCompanion(probe: Probe, allowed5xx?: ReadonlySet<string>) {
  const what = describeProbe(probe);
  let response: Response;
  try {
    response = await setup.companion.fetch(request(probe));
  } catch (error) {
    assert.fail(`${what}: companion.fetch threw ${String(error)}`);
  }
  const answer = await read(response);
  const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
  const key = `${answer.status}${code ? ` ${code}` : ''}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  assertWellFormed(answer, what, allowed5xx);
  assert.ok(response.headers.get('x-request-id'), `${what}: no x-request-id`);
  return answer;
}

// ---------------------------------------------------------------- properties

/** The documented answers for a failing upstream (DESIGN.md, README "Routes"). */
const upstream: ReadonlySet<string> = new Set(['502 UPSTREAM_ERROR', '504 UPSTREAM_TIMEOUT', '503 CONFLICT', '503 UPSTREAM_ERROR']);

describe('fuzz: companion routes answer every request with a 2xx or a 4xx and a stable code', () => {
  it('any method, path, query, headers and raw body', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, contentType, origin, callbackToken, extraHeaders, rawBody, async (m, p, q, type, from, token, extra, body) => {
        const url = `${BASE.replace('/paylater', '')}${p}${q.replace('__TOKEN__', statusToken)}`;
        await probeCompanion({ method: m, url, headers: headersOf(type, from, token, extra), body });
      }),
      runs(400),
    );
  });

  it('POST /plans with structured bodies of right and wrong types', async () => {
    await fc.assert(
      fc.asyncProperty(bodies.plans, origin, async (body, from) => {
        const answer = await probeCompanion({ method: 'POST', url: `${BASE}/plans`, headers: headersOf('application/json', from, undefined, []), body: JSON.stringify(body) });
        if (answer.status === 200) {
          const providers = (answer.body as { providers: Array<{ available: boolean; channel_code: string }> }).providers;
          assert.ok(Array.isArray(providers));
          for (const p of providers) assert.ok(CHANNELS.includes(p.channel_code), `unexpected provider ${p.channel_code}`);
        }
      }),
      runs(250),
    );
  });

  it('POST /charges with real, tampered and wrong quotes and plan ids: never a second charge', async () => {
    await fc.assert(
      fc.asyncProperty(bodies.charges, async (body) => {
        const answer = await probeCompanion({ method: 'POST', url: `${BASE}/charges`, headers: headersOf('application/json', undefined, undefined, []), body: JSON.stringify(body) });
        if (answer.status === 200) assert.ok(planIds.includes((body as { plan_id: string }).plan_id), 'a charge for a plan that is not in the quote');
      }),
      runs(250),
    );
    // However often each plan of the quote was charged above, Xendit has at most one charge per plan
    // that could be paid: a charge the companion cancelled (a page at a provider without API refunds,
    // when another provider was chosen) gives way to a new one, as a charge that ended does.
    const perPlan = new Map<string, number>();
    for (const charge of setup.simulator.charges()) if (charge.status !== 'CANCELLED') perPlan.set(charge.plan_id, (perPlan.get(charge.plan_id) ?? 0) + 1);
    for (const [plan, count] of perPlan) assert.equal(count, 1, `plan ${plan} has ${count} charges that could be paid`);
  });

  it('GET /status with real, well-formed and malformed tokens', async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('GET', 'HEAD'), async (q, m) => {
        const answer = await probeCompanion({ method: m, url: `${BASE}/status${q.replace('__TOKEN__', statusToken)}`, headers: [], body: undefined });
        if (answer.status === 200 && m === 'GET') assert.equal((answer.body as { charge_id: string }).charge_id, chargeId);
      }),
      runs(200),
    );
  });

  it('POST /webhooks/xendit with generated callbacks, right and wrong tokens: a wrong token changes nothing', async () => {
    const before = setup.events.length;
    let refusedWithWrongToken = 0;
    await fc.assert(
      fc.asyncProperty(bodies.webhook, callbackToken, async (body, token) => {
        const eventsBefore = setup.events.length;
        const text = JSON.stringify(body).replaceAll('"__CHARGE__"', JSON.stringify(chargeId));
        // A settled refund, and a payment callback of any status, make the companion ask Xendit
        // for the charge: when Xendit cannot answer, or has it still PENDING, the answer is the
        // documented 502 / 503 and Xendit delivers the callback again later.
        const allowed = body.event === 'paylater.refund' || body.event === 'paylater.payment' ? upstream : undefined;
        const answer = await probeCompanion({ method: 'POST', url: `${BASE}/webhooks/xendit`, headers: headersOf('application/json', undefined, token, []), body: text }, allowed);
        if (token !== CALLBACK_TOKEN) {
          assert.equal(answer.status, 401);
          assert.equal(setup.events.length, eventsBefore, 'a callback with a wrong token ran onPaymentEvent');
          refusedWithWrongToken += 1;
        }
      }),
      runs(300),
    );
    assert.ok(refusedWithWrongToken > 0);
    assert.ok(setup.events.length >= before);
  });

  it('POST /bills/inquiry with generated product ids and customer numbers', async () => {
    // The PLN test numbers for biller trouble answer the documented bill codes, never a bare 5xx.
    const billerTrouble = new Set(['503 BILLER_MAINTENANCE', '504 BILLER_TIMEOUT', '502 BILLER_ERROR']);
    await fc.assert(
      fc.asyncProperty(bodies.inquiry, async (body) => {
        const answer = await probeCompanion({ method: 'POST', url: `${BASE}/bills/inquiry`, headers: headersOf('application/json', undefined, undefined, []), body: JSON.stringify(body) }, billerTrouble);
        if (answer.status === 200) assert.match((answer.body as { checkout: string }).checkout, /^bill_/);
      }),
      runs(150),
    );
  });
});
