/**
 * The rarely shown texts (`error.messages.ts`) come on first use (`texts.load`): '' meanwhile, one
 * load however many ask, the elements told to draw again; where the load fails, the generic words
 * and no second try.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

/** A fresh copy of the i18n module (its load state is the module's own). */
const fresh = async (name: string) => (await import(`../../src/widget/shared/i18n.ts?${name}`)) as typeof import('../../src/widget/shared/i18n.js');

describe('rarely shown texts', () => {
  const told: string[] = [];
  (globalThis as { dispatchEvent?: (event: Event) => boolean }).dispatchEvent = (event: Event) => (told.push(event.type), true);

  it('are loaded once on first use, then shown; the elements are told', async () => {
    const i18n = await fresh('loads');
    const { ERROR_MESSAGES } = await import('../../src/widget/shared/error.messages.js');
    let loads = 0;
    i18n.texts.load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 1)); // a file on its way
      i18n.addMessages(ERROR_MESSAGES);
    };
    told.length = 0;
    assert.equal(i18n.message('id', 'changed'), '');
    assert.equal(i18n.message('en', 'expired'), '');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(loads, 1);
    assert.deepEqual(told, ['paylater-texts']);
    assert.equal(i18n.message('id', 'changed'), 'Pesanan Anda berubah, jadi jumlahnya diperbarui. Silakan pilih lagi.');
  });

  it('that cannot be loaded read as the generic words, and are not asked for again', async () => {
    const i18n = await fresh('fails');
    let loads = 0;
    i18n.texts.load = async () => {
      loads++;
      throw new Error('offline');
    };
    told.length = 0;
    assert.equal(i18n.message('id', 'errRateLimited'), '');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(told, ['paylater-texts']);
    assert.equal(i18n.message('id', 'errRateLimited'), 'Terjadi kesalahan. Silakan coba lagi.');
    assert.equal(i18n.message('en', 'reasonTemporary'), 'Something went wrong. Please try again.');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(loads, 1);
  });
});
