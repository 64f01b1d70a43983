/**
 * The widget's pure helpers, in node (fast): money and percent formatting, locale matching and
 * messages, and the checkout URL choice.
 * Everything a shopper sees is tested in Chromium (`*.browser.test.ts`).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, formatPercent } from '../../src/widget/format.js';
import { matchLocale, message } from '../../src/widget/i18n.js';
import { chooseCheckoutUrl } from '../../src/widget/device.js';
import { errorMessage } from '../../src/widget/errors.js';
import { PaylaterError } from '../../src/widget/client.js';

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('widget formatting', () => {
  it('formats IDR without decimals and PHP with two, per language', () => {
    assert.equal(spaces(formatMoney('en', 'IDR', 1_500_000)), 'Rp 1,500,000');
    assert.equal(spaces(formatMoney('id', 'IDR', 1_500_000)), 'Rp 1.500.000');
    assert.equal(spaces(formatMoney('id', 'IDR', 1_500_000.4)), 'Rp 1.500.000');
    assert.equal(formatMoney('en', 'PHP', 4999.5), '₱4,999.50');
    assert.equal(formatMoney('id', 'PHP', 4999.5), '₱4.999,50');
    assert.equal(formatMoney('en', 'php', 10), '₱10.00');
  });

  it('keeps an unknown currency readable', () => {
    assert.equal(formatMoney('en', 'NOT-A-CODE', 12), 'NOT-A-CODE 12');
  });

  it('formats interest rates given in percent', () => {
    assert.equal(formatPercent('en', 2.6), '2.6%');
    assert.equal(formatPercent('id', 2.95), '2,95%');
    assert.equal(formatPercent('en', 0), '0%');
  });
});

describe('widget locales', () => {
  it('falls back from a regional tag to its language, and knows only en and id', () => {
    assert.equal(matchLocale('id-ID'), 'id');
    assert.equal(matchLocale('ID'), 'id');
    assert.equal(matchLocale('en_GB'), 'en');
    assert.equal(matchLocale('th-TH'), undefined);
    assert.equal(matchLocale(''), undefined);
    assert.equal(matchLocale(null), undefined);
  });

  it('fills placeholders, and never interprets them as patterns', () => {
    assert.equal(message('en', 'continueWith', { provider: 'Kredivo' }), 'Continue with Kredivo');
    assert.equal(message('id', 'continueWith', { provider: '$& $1' }), 'Lanjut dengan $& $1');
    assert.equal(message('xx', 'retry'), 'Try again');
  });

  it('has its own words for every error code a shopper can meet', async () => {
    const { ERROR_CODES } = await import('../../src/contract/index.js');
    // Integration mistakes of the merchant's page: a shopper cannot fix them, so "try again" it is.
    const generic = new Set(['INVALID_REQUEST', 'METHOD_NOT_ALLOWED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHORIZED', 'FORBIDDEN_ORIGIN']);
    for (const code of ERROR_CODES) {
      const key = errorMessage(new PaylaterError(code, 400, ''));
      assert.equal(key === 'errGeneric', generic.has(code), code);
      assert.notEqual(message('id', key), message('en', key), code);
    }
  });
});

describe('checkout URL choice', () => {
  const urls = { desktop: 'https://pay.example/d', mobile: 'https://pay.example/m', deeplink: 'https://app.example/open' };

  it('opens the desktop page on a desktop, the deeplink or mobile page on a phone', () => {
    assert.deepEqual(chooseCheckoutUrl(urls, 'desktop'), { url: urls.desktop, kind: 'desktop' });
    assert.deepEqual(chooseCheckoutUrl(urls, 'mobile'), { url: urls.deeplink, kind: 'deeplink' });
    const { deeplink: _, ...web } = urls;
    assert.deepEqual(chooseCheckoutUrl(web, 'mobile'), { url: urls.mobile, kind: 'mobile' });
  });

  it('follows only http(s) URLs', () => {
    assert.deepEqual(chooseCheckoutUrl({ ...urls, deeplink: 'kredivo://pay' }, 'mobile'), { url: urls.mobile, kind: 'mobile' });
    assert.deepEqual(chooseCheckoutUrl({ ...urls, desktop: 'javascript:alert(1)' }, 'desktop'), { url: urls.mobile, kind: 'mobile' });
    assert.equal(chooseCheckoutUrl({ desktop: 'javascript:alert(1)', mobile: '/relative' }, 'desktop'), null);
    assert.equal(chooseCheckoutUrl({ desktop: 'data:text/html,x', mobile: 'ftp://x' }, 'mobile'), null);
  });
});
