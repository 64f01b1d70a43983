/**
 * A merchant's first hour: a wrong key fails at construction with a message that says what to use,
 * the companion says once which Xendit mode it runs in, and a normal flow (a returning customer)
 * leaves no warning in the log.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCompanion, type CompanionOptions } from '../../src/server/index.js';
import { CALLBACK_TOKEN, SECRET_KEY, SIGNING_SECRET, order, startShop } from '../helpers/shop.js';
import { customerBody } from '../../src/server/companion/order.js';

function capture() {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields: fields ?? {} });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

const base = (extra: Partial<CompanionOptions> = {}): CompanionOptions => ({
  secretKey: SECRET_KEY,
  callbackToken: CALLBACK_TOKEN,
  signingSecret: SIGNING_SECRET,
  returnUrl: 'https://shop.example/paylater/return',
  resolveCheckout: () => null,
  ...extra,
});

describe('companion: the secret key rule', () => {
  it('refuses a key that is not a Xendit secret key, saying what to use and never echoing it', () => {
    const cases: Array<[what: string, key: string, message: RegExp]> = [
      ['a public key', 'xnd_public_development_AbCdEf0123456789', /xnd_development_… or xnd_production_….*a public key \(xnd_public_…\) cannot make charges/],
      ['a public production key', 'xnd_public_production_AbCdEf0123456789', /public key/],
      ['another provider', 'sk_test_51HxYzAbCdEf0123456789', /must be a Xendit secret API key \(xnd_development_… or xnd_production_…/],
      ['a placeholder', 'changeme-please', /must be a Xendit secret API key/],
      ['a prefix alone', 'xnd_development_', /must be a Xendit secret API key/],
      ['a line break from an env file', `${SECRET_KEY}\n`, /white space/],
      ['a leading space', ` xnd_production_AbCdEf0123456789`, /white space/],
    ];
    // An option left out is named once: "`secretKey` is required", not "`secretKey`: `secretKey` is required".
    assert.throws(() => createCompanion(base({ secretKey: '' })), (error: Error) => error.message === 'createCompanion: `secretKey` is required');
    for (const [what, key, message] of cases) {
      assert.throws(
        () => createCompanion(base({ secretKey: key })),
        (error: Error) => {
          assert.ok(error instanceof TypeError, what);
          assert.match(error.message, /^createCompanion: `secretKey`/, what);
          assert.match(error.message, message, what);
          const secretPart = key.trim().replace(/^xnd_(public_)?(development|production)_/, '');
          if (secretPart) assert.ok(!error.message.includes(secretPart), `${what}: the key is in "${error.message}"`);
          return true;
        },
        what,
      );
    }
  });

  it('takes development and production keys, base64 characters included, and says the mode once at info', () => {
    for (const [key, mode] of [
      ['xnd_development_P4qDfOss0OCpl8RtKrROHjaQYNCk9dN5lSfk+R1l9Wbe+rSiCwZ3jw==', 'test'],
      ['xnd_production_AbCdEf0123456789/xyz==', 'live'],
    ] as const) {
      const { lines, logger } = capture();
      createCompanion(base({ secretKey: key, logger }));
      const modeLines = lines.filter((l) => l.fields.mode !== undefined);
      assert.equal(modeLines.length, 1, key);
      assert.equal(modeLines[0]!.level, 'info');
      assert.equal(modeLines[0]!.fields.mode, mode);
      assert.match(modeLines[0]!.message, mode === 'test' ? /test mode \(development key\)/ : /live mode \(production key\)/);
      assert.deepEqual(lines.filter((l) => l.level === 'warn'), [], 'a plain configuration has nothing to warn about');
      assert.ok(!JSON.stringify(lines).includes(key.slice(16)), 'no part of the key is logged');
    }
  });

  it('warns when a live key would be sent to a baseUrl that is not Xendit, or shoppers come back over plain http', () => {
    const live = 'xnd_production_AbCdEf0123456789';
    const { lines, logger } = capture();
    createCompanion(base({ secretKey: live, baseUrl: 'http://127.0.0.1:4010', logger }));
    const warns = lines.filter((l) => l.level === 'warn');
    assert.equal(warns.length, 1, JSON.stringify(lines));
    assert.match(warns[0]!.message, /production key is sent to a baseUrl that is not Xendit/);
    assert.equal(warns[0]!.fields.base_url, 'http://127.0.0.1:4010');

    const plain = capture();
    createCompanion(base({ secretKey: live, returnUrl: 'http://shop.example/return', logger: plain.logger }));
    assert.deepEqual(
      plain.lines.filter((l) => l.level === 'warn').map((l) => l.message),
      ['live mode with a returnUrl on plain http: shoppers come back to an unencrypted page; serve it over https'],
    );

    // Xendit's own hosts and a test key against the simulator are what they should be: no warning.
    for (const options of [
      { secretKey: live, baseUrl: 'https://api.xendit.co' },
      { secretKey: SECRET_KEY, baseUrl: 'http://127.0.0.1:4010', returnUrl: 'http://shop.test/return' },
      { secretKey: live, returnUrl: 'http://localhost:3000/return' },
    ]) {
      const quiet = capture();
      createCompanion(base({ ...options, logger: quiet.logger }));
      assert.deepEqual(quiet.lines.filter((l) => l.level === 'warn'), [], JSON.stringify(options));
    }
  });
});

describe('companion: expected answers from Xendit are not warnings', () => {
  it('a returning customer (Xendit: 409 DUPLICATE_ERROR, then a lookup) leaves no warn line', async () => {
    const shop = await startShop();
    try {
      // The customer exists at Xendit already (an earlier deployment, another instance's cache).
      await shop.companion.xendit.customers.create(customerBody(order().customer));
      const plans = await shop.plans();
      assert.equal(plans.status, 200, JSON.stringify(plans.body));
      assert.equal(shop.simulator.customers().filter((c) => c.reference_id === order().customer.reference_id).length, 1);
      const duplicate = shop.simulator.requests().find((r) => r.method === 'POST' && r.path === '/customers' && r.status === 409);
      assert.ok(duplicate, 'Xendit was asked to create the customer and answered 409');
      assert.deepEqual(shop.logs.filter((l) => l.startsWith('warn') || l.startsWith('error')), []);
      assert.ok(shop.logs.some((l) => l.startsWith('debug xendit call failed as expected') && l.includes('"status":409')), shop.logs.join('\n'));
    } finally {
      await shop.close();
    }
  });

  it('an unexpected failure of the same call still warns', async () => {
    const shop = await startShop();
    try {
      shop.simulator.injectFault({ route: 'customers', method: 'POST', status: 400, errorCode: 'API_VALIDATION_ERROR', times: 1 });
      const plans = await shop.plans();
      assert.notEqual(plans.status, 200);
      assert.ok(shop.logs.some((l) => l.startsWith('warn xendit call failed') && l.includes('API_VALIDATION_ERROR')), shop.logs.join('\n'));
    } finally {
      await shop.close();
    }
  });
});
