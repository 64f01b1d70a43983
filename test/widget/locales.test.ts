/**
 * The languages added by `locales/<lang>` files (Thai, Vietnamese, Filipino, Malay) and
 * `registerLocale`: every text there, with the same placeholders as in English; the locale choice
 * finds them; a merchant's own wording wins over the built-in one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { MESSAGES, addMessages, matchLocale, message, type MessageKey } from '../../src/widget/shared/i18n.js';
import { CHECKOUT_MESSAGES } from '../../src/widget/components/checkout/checkout.messages.js';
import { OPTIONS_MESSAGES } from '../../src/widget/components/checkout/options.messages.js';
import { IN_APP_MESSAGES } from '../../src/widget/components/checkout/in-app-note.messages.js';
import { STATUS_MESSAGES } from '../../src/widget/components/status/status.messages.js';
import { MESSAGE_DIALOG_MESSAGES, MESSAGE_MESSAGES } from '../../src/widget/components/message/message.messages.js';
import { added, registerLocale } from '../../src/widget/shared/registry.js';
import { ERROR_MESSAGES } from '../../src/widget/shared/error.messages.js';

const dir = new URL('../../src/widget/locales/', import.meta.url);
const languages = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
for (const lang of languages) await import(new URL(`${lang}.ts`, dir).href);

/** Every built-in text: the shared ones, the rarely shown ones, the checkout's, its options' table's, the in-app note's, and those of `<paylater-status>` and `<paylater-message>`. */
const ALL: Record<MessageKey, readonly string[]> = { ...MESSAGES, ...CHECKOUT_MESSAGES, ...OPTIONS_MESSAGES, ...IN_APP_MESSAGES, ...STATUS_MESSAGES, ...MESSAGE_MESSAGES, ...MESSAGE_DIALOG_MESSAGES, ...ERROR_MESSAGES };
// The elements add their own tables when they load; the tests below read texts of the checkout.
addMessages(CHECKOUT_MESSAGES);
const keys = Object.keys(ALL) as MessageKey[];
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('added languages', () => {
  it('are Filipino, Malay, Thai and Vietnamese', () => {
    assert.deepEqual(languages, ['fil', 'ms', 'th', 'vi']);
  });

  for (const lang of languages) {
    it(`${lang}: every text, none empty, none left in English, placeholders as in English`, () => {
      const table = added[lang]!;
      assert.deepEqual(Object.keys(table).sort(), [...keys].sort());
      for (const key of keys) {
        const text = table[key]!;
        const english = ALL[key][0]!;
        assert.ok(text.trim(), `${lang}.${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(english), `${lang}.${key}: placeholders`);
        // Short words can be the same in two languages; sentences cannot.
        if (english.length > 20) assert.notEqual(text, english, `${lang}.${key} is still English`);
      }
    });
  }

  it('are found from the attribute, the page or the browser: th-TH → th, tl and fil-PH → fil, ms-MY → ms, vi-VN → vi', () => {
    assert.equal(matchLocale('th-TH'), 'th');
    assert.equal(matchLocale('fil-PH'), 'fil');
    assert.equal(matchLocale('tl'), 'fil');
    assert.equal(matchLocale('ms-MY'), 'ms');
    assert.equal(matchLocale('vi-VN'), 'vi');
    assert.equal(matchLocale('ko-KR'), undefined);
    assert.equal(message('th', 'continueWith', { provider: 'Atome' }).includes('Atome'), true);
    assert.notEqual(message('th', 'continueWith', { provider: 'Atome' }), message('en', 'continueWith', { provider: 'Atome' }));
  });

  it('reaches the bill texts too: registerLocale(lang, { "bill.<key>": … }) changes what the bill elements say', async () => {
    const { billMessage } = await import('../../src/widget/components/bill-inquiry/bill.messages.js');
    assert.equal(billMessage('th', 'check'), 'Check', 'a language without bill texts falls back to English');
    registerLocale('th', { 'bill.check': 'ตรวจสอบ', 'bill.receipt': 'เลขที่ใบเสร็จ: {receipt}' });
    assert.equal(billMessage('th', 'check'), 'ตรวจสอบ');
    assert.equal(billMessage('th', 'receipt', { receipt: '123' }), 'เลขที่ใบเสร็จ: 123');
    registerLocale('id', { 'bill.check': 'Cek nomor' });
    assert.equal(billMessage('id', 'check'), 'Cek nomor');
    registerLocale('id', { 'bill.check': 'Cek' });
    delete added.th!['bill.check'];
    delete added.th!['bill.receipt'];
  });

  it("lets a merchant change a built-in text, and a new language fall back to English where it says nothing", () => {
    const before = message('en', 'legend');
    registerLocale('EN', { legend: 'Pay in instalments with' });
    assert.equal(message('en', 'legend'), 'Pay in instalments with');
    assert.equal(message('en', 'retry'), 'Try again');
    registerLocale('en', { legend: before });
    // A region or Tagalog's code is kept under the language the lookup uses.
    registerLocale('en-SG', { legend: 'Pay later with (SG)' });
    assert.equal(message(matchLocale('en-GB')!, 'legend'), 'Pay later with (SG)');
    registerLocale('en', { legend: before });
    registerLocale('tl', { retry: 'Ulitin' });
    assert.equal(message(matchLocale('tl-PH')!, 'retry'), 'Ulitin');
    assert.equal(message(matchLocale('fil')!, 'retry'), 'Ulitin');
    registerLocale('xx', { retry: 'Nochmal' });
    assert.equal(matchLocale('xx-YY'), 'xx');
    assert.equal(message('xx', 'retry'), 'Nochmal');
    assert.equal(message('xx', 'legend'), before);
    assert.equal((globalThis as { paylaterLocales?: unknown }).paylaterLocales, added);
  });
});
