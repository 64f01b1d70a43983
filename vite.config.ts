/**
 * The CDN build: `src/widget/cdn.ts` with Lit bundled, minified, as one ES module
 * (`dist/cdn/paylater-checkout.js`) and one classic script (`dist/cdn/paylater-checkout.iife.js`),
 * plus `dist/cdn/integrity.json` with their SRI hashes. `npm run build` runs it after `tsc`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('./dist/cdn/', import.meta.url));
const FILES = ['paylater-checkout.js', 'paylater-checkout.iife.js'];

/** Writes `integrity.json`: `{ "<file>": "sha384-..." }` for `<script integrity>`. */
function integrity(): Plugin {
  return {
    name: 'paylater-integrity',
    apply: 'build',
    closeBundle() {
      const hashes: Record<string, string> = {};
      for (const file of FILES) {
        hashes[file] = `sha384-${createHash('sha384').update(readFileSync(`${outDir}${file}`)).digest('base64')}`;
      }
      writeFileSync(`${outDir}integrity.json`, `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

/** Formatting whitespace in Lit `html` and `css` templates: line breaks and indentation. */
function minifyLiteral(tag: string, text: string): string {
  if (tag === 'css') {
    return text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':');
  }
  return text
    .replace(/>\s*\n\s*/g, '>')
    .replace(/\s*\n\s*</g, '<')
    .replace(/\s*\n\s*/g, ' ');
}

/**
 * Strips formatting whitespace from the `html` and `css` tagged templates of our own widget code
 * (found with the TypeScript parser, so nested templates and expressions stay intact).
 */
function minifyTemplates(): Plugin {
  return {
    name: 'paylater-minify-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/widget\/.*\.ts$/.test(id)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          const tag = node.tag.text;
          const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(node.template)
            ? [node.template]
            : [node.template.head, ...node.template.templateSpans.map((span) => span.literal)];
          for (const part of parts) {
            // The raw text between the delimiters: ` or } before, ` or ${ after.
            const start = part.getStart(source) + 1;
            const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
            edits.push({ start, end, text: minifyLiteral(tag, code.slice(start, end)) });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (!edits.length) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [minifyTemplates(), integrity()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    minify: 'oxc',
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./src/widget/cdn.ts', import.meta.url)),
      name: 'PaylaterCheckout',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? FILES[0]! : FILES[1]!),
    },
    rolldownOptions: {
      // Full minification for the ES file too (Vite keeps whitespace in library ES output by default).
      output: { minify: true },
    },
  },
});
