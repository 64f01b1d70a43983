/**
 * The framework types the package ships (`paylater-checkout/react`, `/preact`, `/vue`, `/svelte`, in
 * `dist/frameworks/`) are what `scripts/framework-types.mjs` writes from the Custom Elements Manifest
 * (`dist/custom-elements.json`): every tag, attribute and event, with its type. `npm run build`
 * writes them. That they compile in real projects, and reject wrong values, is tested by
 * `test/examples/examples.test.ts`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs script without types
import { ENTRIES, frameworkTypes, templateType } from '../../scripts/framework-types.mjs';

interface Attribute {
  name: string;
  fieldName: string;
  type: { text: string };
}
interface Declaration {
  tagName?: string;
  attributes?: Attribute[];
  events?: Array<{ name: string; type: { text: string } }>;
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('dist/custom-elements.json', root), 'utf8')) as Manifest;
const generate = frameworkTypes as (manifest: Manifest) => Record<string, string>;
const entries = ENTRIES as Record<string, string>;
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
const files = generate(manifest);

describe('framework types', () => {
  it('dist/frameworks/ is what the manifest gives (else: npm run build)', () => {
    assert.deepEqual(readdirSync(new URL('dist/frameworks/', root)).sort(), Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) {
      assert.equal(readFileSync(new URL(`dist/frameworks/${name}`, root), 'utf8'), text, `dist/frameworks/${name} is stale: npm run build`);
    }
  });

  it('name every tag, attribute (by HTML name and by property) and event of the manifest', () => {
    assert.deepEqual(tags.map((d) => d.tagName).sort(), ['paylater-bill-inquiry', 'paylater-checkout', 'paylater-in-app-note', 'paylater-message', 'paylater-status']);
    const quoted = (name: string) => (/^[a-z]+$/i.test(name) ? `${name}?:` : `'${name}'?:`);
    for (const d of tags) {
      for (const framework of Object.keys(entries)) assert.match(files[`${framework}.d.ts`]!, new RegExp(`'${d.tagName}'`), `${framework}: <${d.tagName}>`);
      for (const a of d.attributes ?? []) {
        assert.ok(files['elements.d.ts']!.includes(`${quoted(a.name)} ${templateType(a.type.text)};`), `attribute ${a.name} of <${d.tagName}>`);
        assert.ok(files['elements.d.ts']!.includes(`${quoted(a.fieldName)} ${templateType(a.type.text)};`), `property ${a.fieldName} of <${d.tagName}>`);
      }
      for (const e of d.events ?? []) {
        assert.ok(files['elements.d.ts']!.includes(`'${e.name}': ${e.type.text};`), `event ${e.name} of <${d.tagName}>`);
        // React, Preact and Svelte: the listener prop is `on` + the event's exact name.
        for (const framework of ['react', 'preact', 'svelte']) assert.ok(files[`${framework}.d.ts`]!.includes(`'on${e.name}'?: (event: ${e.type.text}) => void;`), `${framework}: on${e.name}`);
      }
    }
    // The types as the README states them.
    assert.match(files['elements.d.ts']!, /endpoint\?: string;/);
    assert.match(files['elements.d.ts']!, /channels\?: string \| string\[\];/);
    assert.match(files['elements.d.ts']!, /sort\?: 'monthly' \| 'total';/);
    assert.match(files['elements.d.ts']!, /'poll-interval'\?: number;/);
    assert.match(files['elements.d.ts']!, /pollInterval\?: number;/);
  });

  it('follow the manifest: a renamed attribute, a new event or a changed type changes them; a type they cannot write fails the build', () => {
    const changed = structuredClone(manifest);
    const checkout = changed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'paylater-checkout')!;
    checkout.attributes!.find((a) => a.name === 'sort')!.type.text = "'monthly' | 'total' | 'fastest'";
    checkout.attributes!.find((a) => a.name === 'device')!.name = 'device-kind';
    checkout.events!.push({ name: 'paylater-cancel', type: { text: 'PaylaterErrorEvent' } });
    const out = generate(changed);
    assert.match(out['elements.d.ts']!, /sort\?: 'monthly' \| 'total' \| 'fastest';/);
    assert.match(out['elements.d.ts']!, /'device-kind'\?: 'auto'/);
    assert.match(out['react.d.ts']!, /'onpaylater-cancel'\?: \(event: PaylaterErrorEvent\) => void;/);
    assert.match(out['vue.d.ts']!, /'paylater-checkout': VueElement/);

    checkout.attributes![0]!.type.text = 'Record<string, unknown>';
    assert.throws(() => generate(changed), /is not one framework-types\.mjs can write/);
    checkout.attributes![0]!.type.text = 'string';
    checkout.events!.push({ name: 'paylater-mystery', type: { text: 'MysteryEvent' } });
    assert.throws(() => generate(changed), /MysteryEvent.*no module of the manifest exports/);
  });

  it('are exported types first as paylater-checkout/react, /preact, /vue and /svelte, with no framework among the dependencies', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      exports: Record<string, Record<string, string> | string>;
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const [name, subpath] of Object.entries(entries)) {
      assert.deepEqual(pkg.exports[subpath], { types: `./dist/frameworks/${name}.d.ts`, default: `./dist/frameworks/${name}.js` });
      assert.deepEqual(Object.keys(pkg.exports[subpath] as object), ['types', 'default']);
    }
    const required = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    for (const framework of ['react', '@types/react', 'preact', 'vue', 'svelte']) assert.ok(!required.includes(framework), `${framework} is not a dependency`);
  });

  it('cost nothing at run time and stay out of the other entries: each module is empty, no other declaration file names a framework', async () => {
    for (const subpath of Object.values(entries)) {
      const module = (await import(`paylater-checkout${subpath.slice(1)}`)) as object;
      assert.deepEqual(Object.keys(module), [], `paylater-checkout${subpath.slice(1)} exports nothing`);
    }
    const declarations = (dir: URL): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? (entry.name === 'frameworks' ? [] : declarations(new URL(`${entry.name}/`, dir))) : entry.name.endsWith('.d.ts') ? [readFileSync(new URL(entry.name, dir), 'utf8')] : [],
      );
    const all = declarations(new URL('dist/', root));
    assert.ok(all.length > 20);
    for (const text of all) assert.doesNotMatch(text, /from '(react|preact|vue|svelte)(\/[^']*)?'/);
  });
});
