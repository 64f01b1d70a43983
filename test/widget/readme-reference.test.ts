/**
 * The README's reference of the elements is what the Custom Elements Manifest says
 * (`dist/custom-elements.json`, from the sources' JSDoc): every attribute, event, slot, CSS part and
 * custom property of each tag, with its description. `npm run docs` rewrites it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs script without types
import { withReference } from '../../scripts/readme-reference.mjs';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('dist/custom-elements.json', root), 'utf8')) as {
  modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
};
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README reference', () => {
  it('covers the four elements and the checkout\'s in-app note', () => {
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));
    assert.deepEqual(tags.sort(), ['paylater-bill-inquiry', 'paylater-checkout', 'paylater-in-app-note', 'paylater-message', 'paylater-status']);
    for (const tag of tags) assert.ok(readme.includes(`#### \`<${tag}>\``), `README section for <${tag}>`);
  });

  it('is current with the manifest (else: npm run docs)', () => {
    const expected = (withReference as (readme: string, manifest: unknown) => string)(readme, manifest).split('\n');
    const actual = readme.split('\n');
    const differ = expected.flatMap((line, i) => (line === actual[i] ? [] : [`line ${i + 1}: README "${actual[i]}", manifest "${line}"`]));
    assert.deepEqual(differ.slice(0, 5), []);
    // A check that can fail: a part renamed in the manifest is caught.
    const renamed = structuredClone(manifest);
    renamed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'paylater-checkout')!.cssParts![0]!.name = 'renamed';
    assert.notEqual((withReference as (readme: string, manifest: unknown) => string)(readme, renamed), readme);
  });
});
