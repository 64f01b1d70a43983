#!/usr/bin/env node
/**
 * Writes the README's reference tables of the elements from the Custom Elements Manifest
 * (`dist/custom-elements.json`, made by `npm run analyze` from the sources' JSDoc): in the section
 * `#### `<tag>`` of each tag, the tables of attributes, events, slots, CSS parts and custom
 * properties. The prose around them and the hand-written `member` tables are kept.
 * `test/widget/readme-reference.test.ts` fails when the README is not what this would write.
 *
 * Usage: npm run docs   (analyze, then this script with --write)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${cell(text)}\`` : '');

/** The generated tables of one element, in README order, keyed by their first column's heading. */
function tables(declaration) {
  const out = [];
  const table = (head, rows) => {
    if (rows.length) out.push({ head: head[0], text: [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') });
  };
  table(['attribute', 'property', 'type', 'default', 'description'], (declaration.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell(a.description)]));
  table(['event', 'type', 'description'], (declaration.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]));
  table(['slot', 'description'], (declaration.slots ?? []).map((s) => [code(s.name), cell(s.description)]));
  table(['part', 'description'], (declaration.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]));
  table(['custom property', 'description'], (declaration.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)]));
  return out;
}

/** The README with each tag's generated tables in place (a `member` table stays where it is). */
export function withReference(readme, manifest) {
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  let text = readme;
  for (const declaration of declarations) {
    const heading = `#### \`<${declaration.tagName}>\``;
    const start = text.indexOf(heading);
    if (start === -1) throw new Error(`README has no section "${heading}"`);
    const after = text.slice(start + heading.length);
    const next = after.search(/\n#{2,4} /);
    const body = next === -1 ? after : after.slice(0, next);
    // Paragraphs of the section: generated tables are dropped, prose and member tables kept.
    const blocks = body.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
    const generated = tables(declaration);
    const heads = new Set(['attribute', 'event', 'slot', 'part', 'custom property']);
    const kept = blocks.filter((b) => !(b.startsWith('| ') && heads.has(b.slice(2, b.indexOf(' |')))));
    const prose = kept.filter((b) => !b.startsWith('| '));
    const members = kept.filter((b) => b.startsWith('| member |'));
    const ordered = [...prose, ...generated.filter((t) => t.head === 'attribute').map((t) => t.text), ...members, ...generated.filter((t) => t.head !== 'attribute').map((t) => t.text)];
    text = text.slice(0, start) + heading + '\n\n' + ordered.join('\n\n') + '\n' + (next === -1 ? '' : after.slice(next));
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('dist/custom-elements.json', root), 'utf8'));
  const readmeUrl = new URL('README.md', root);
  const readme = readFileSync(readmeUrl, 'utf8');
  const updated = withReference(readme, manifest);
  if (process.argv.includes('--write')) {
    writeFileSync(readmeUrl, updated);
    console.log(updated === readme ? 'README reference: already current' : 'README reference: updated');
  } else if (updated !== readme) {
    console.error('README reference is not current: run `npm run docs`');
    process.exit(1);
  }
}
