/**
 * The CDN build, Lit bundled and minified, into `dist/cdn/`:
 * - `paylater-checkout.js` (ES module): `src/widget/entries/cdn.ts`, Lit, the shared code and
 *   `<paylater-checkout>`; it loads `paylater-status.js` when a `<paylater-status>` is in the page;
 * - `paylater-status.js` (ES module): `src/widget/entries/cdn-status.ts`, `<paylater-status>`, importing Lit
 *   and the shared code from `./paylater-checkout.js` beside it;
 * - `paylater-bills.js` (ES module): `src/widget/entries/bills-cdn.ts`, registers
 *   `<paylater-bill-inquiry>` and imports everything else (Lit, the shared code, the checkout)
 *   from `./paylater-checkout.js` beside it, so a bill page loads Lit once and a shop without
 *   bills never loads the bill code;
 * - `paylater-message.js` (ES module): `src/widget/entries/cdn-message.ts`, `<paylater-message>`,
 *   importing the shared code from `./paylater-checkout.js` beside it;
 * - `paylater-errors.js` (ES module): `src/widget/entries/cdn-errors.ts`, the rarely shown texts
 *   (errors, notices), which `paylater-checkout.js` loads the first time one is shown;
 * - `paylater-in-app.js` (ES module): `src/widget/entries/cdn-in-app.ts`, `<paylater-in-app-note>`,
 *   importing Lit and the shared code from `./paylater-checkout.js` beside it, which loads it only
 *   in an in-app browser (Instagram, Facebook, TikTok, LINE...);
 * - `paylater-checkout.iife.js` and `paylater-bills.iife.js` (classic scripts): self-contained,
 *   every tag of the entry registered at once (two and three tags);
 * - `paylater-message.iife.js` (classic script): `<paylater-message>` alone, self-contained, for a
 *   product page without the checkout (a plain `HTMLElement`: no Lit in it);
 * - `paylater-message-dialog.js` (ES module, self-contained, lit-html included): the message's
 *   "See plans" dialog, which both message files load from beside them on the first click;
 * - `locales/<lang>.js`: each language of `src/widget/locales/`, on its own (it registers its texts
 *   in the page's shared table, so it works as a classic script or a module, next to either bundle);
 * - `integrity.json`: the SRI hashes of all these files.
 * `npm run build` runs it after `tsc`; `npm run size` checks the result.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { build, defineConfig, type BuildEnvironmentOptions, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('./dist/cdn/', import.meta.url));

/** The ES modules: output name → source. */
const MODULES = {
  'paylater-checkout': 'src/widget/entries/cdn.ts',
  'paylater-status': 'src/widget/entries/cdn-status.ts',
  'paylater-bills': 'src/widget/entries/bills-cdn.ts',
  'paylater-message': 'src/widget/entries/cdn-message.ts',
  'paylater-in-app': 'src/widget/entries/cdn-in-app.ts',
  'paylater-errors': 'src/widget/entries/cdn-errors.ts',
} as const;
/** The classic scripts: output name → source and global name. */
const CLASSIC = {
  'paylater-checkout': { entry: 'src/widget/entries/cdn-classic.ts', name: 'PaylaterCheckout' },
  'paylater-bills': { entry: 'src/widget/entries/bills-cdn-classic.ts', name: 'PaylaterBills' },
  'paylater-message': { entry: 'src/widget/entries/cdn-message-classic.ts', name: 'PaylaterMessage' },
} as const;
/** The "See plans" dialog of `<paylater-message>`: a self-contained ES module both message files load on the first click. */
const DIALOG = { name: 'paylater-message-dialog', entry: 'src/widget/entries/cdn-message-dialog.ts' } as const;
const sourcePath = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

/** The languages added by files of their own (`src/widget/locales/<lang>.ts`). */
export const LOCALE_FILES = readdirSync(fileURLToPath(new URL('./src/widget/locales/', import.meta.url)))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .sort();

/** Every file `integrity.json` lists. */
export const CDN_FILES = [
  ...Object.keys(MODULES).map((name) => `${name}.js`),
  ...Object.keys(CLASSIC).map((name) => `${name}.iife.js`),
  `${DIALOG.name}.js`,
  ...LOCALE_FILES.map((lang) => `locales/${lang}.js`),
];

/** Formatting whitespace in Lit `html` and `css` templates: line breaks and indentation. */
function minifyLiteral(tag: string, text: string): string {
  if (tag === 'css') {
    return text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
      // `[theme='dark']` → `[theme=dark]` (an identifier only), `*::before` → `::before`,
      // ` !important` → `!important`, `1 / 3` → `1/3`.
      .replace(/=(['"])([a-zA-Z_][\w-]*)\1\]/g, '=$2]')
      .replace(/(^|[,}])\*::/g, '$1::')
      .replace(/\s+!important/g, '!important')
      .replace(/ \/ /g, '/')
      .trim();
  }
  return (
    text
      .replace(/>\s*\n\s*/g, '>')
      .replace(/\s*\n\s*</g, '<')
      .replace(/\s*\n\s*/g, ' ')
      // Quotes around a plain static attribute value (`part="base"` → `part=base`), when a space or
      // `>` follows (so never `value/>`); the templates hold no text that looks like an attribute.
      .replace(/(\s[\w-]+=)"([\w-]+)"(?=[\s>])/g, '$1$2')
  );
}

/**
 * Lit's two long messages for misusing `css` (a template written by hand, never by these elements)
 * become short ones: the bytes pay for texts a shopper reads.
 */
function shortenLitErrors(): Plugin {
  return {
    name: 'paylater-short-lit-errors',
    apply: 'build',
    transform(code, id) {
      if (!/@lit\/reactive-element\/css-tag\.js$/.test(id)) return null;
      const out = code
        .replace('"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."', '"use css"')
        .replace(/"Value passed to 'css' function must be a 'css' function result: "\+t\+"\. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security\."/, '"css: "+t');
      if (out === code || out.length > code.length - 150) throw new Error('lit css-tag.js changed: update shortenLitErrors in vite.config.ts');
      return out;
    },
  };
}

/**
 * Strips formatting whitespace from the `html` and `css` tagged templates of our own widget code
 * (found with the TypeScript parser, so nested templates and expressions stay intact), and from the
 * plain CSS text of a template literal right after a comment that says `css` (the styles an element
 * built on lit-html alone adopts without Lit's `css` tag: `src/widget/shared/sheets.ts`).
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
      const minify = (tag: string, template: ts.TemplateLiteral) => {
        const parts: ts.Node[] = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
        for (const part of parts) {
          // The raw text between the delimiters: ` or } before, ` or ${ after.
          const start = part.getStart(source) + 1;
          const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
          edits.push({ start, end, text: minifyLiteral(tag, code.slice(start, end)) });
        }
      };
      // The comment `/* css */` (and only white space) right before the literal.
      const markedCss = (node: ts.Node) => /\/\*\s*css\s*\*\/\s*$/.test(code.slice(node.getFullStart(), node.getStart(source)));
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          minify(node.tag.text, node.template);
        } else if ((ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && !ts.isTaggedTemplateExpression(node.parent) && markedCss(node)) {
          minify('css', node);
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

/** The options every CDN build shares. */
function cdnBuild(dir: string): BuildEnvironmentOptions {
  return {
    outDir: dir,
    target: 'es2022',
    minify: 'oxc',
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // Full minification for the ES file too (Vite keeps whitespace in library ES output by default),
      // without the `/* @__PURE__ */` marks that only a further bundler would read.
      output: { minify: true, comments: false },
    },
  };
}

/**
 * After the ES modules: the classic scripts (one build each, as an IIFE bundle has a single entry),
 * then `integrity.json`: `{ "<file>": "sha384-..." }` for `<script integrity>`.
 */
function classicScriptsAndIntegrity(): Plugin {
  let dir = outDir;
  return {
    name: 'paylater-iife-and-integrity',
    apply: 'build',
    configResolved(config) {
      dir = config.build.outDir.endsWith('/') ? config.build.outDir : `${config.build.outDir}/`;
    },
    async closeBundle() {
      for (const [name, { entry, name: global }] of Object.entries(CLASSIC)) {
        await build({
          configFile: false,
          publicDir: false,
          logLevel: 'warn',
          plugins: [minifyTemplates(), shortenLitErrors()],
          build: {
            ...cdnBuild(dir),
            emptyOutDir: false,
            lib: { entry: sourcePath(entry), name: global, formats: ['iife'], fileName: () => `${name}.iife.js` },
          },
        });
      }
      await build({
        configFile: false,
        publicDir: false,
        logLevel: 'warn',
        plugins: [minifyTemplates()],
        build: {
          ...cdnBuild(dir),
          emptyOutDir: false,
          lib: { entry: sourcePath(DIALOG.entry), formats: ['es'], fileName: () => `${DIALOG.name}.js` },
        },
      });
      for (const lang of LOCALE_FILES) {
        await build({
          configFile: false,
          publicDir: false,
          logLevel: 'warn',
          build: {
            ...cdnBuild(dir),
            emptyOutDir: false,
            lib: { entry: fileURLToPath(new URL(`./src/widget/locales/${lang}.ts`, import.meta.url)), name: 'PaylaterLocale', formats: ['iife'], fileName: () => `locales/${lang}.js` },
          },
        });
      }
      const hashes: Record<string, string> = {};
      for (const file of CDN_FILES) {
        hashes[file] = `sha384-${createHash('sha384').update(readFileSync(`${dir}${file}`)).digest('base64')}`;
      }
      writeFileSync(`${dir}integrity.json`, `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [minifyTemplates(), shortenLitErrors(), classicScriptsAndIntegrity()],
  build: {
    ...cdnBuild(outDir),
    emptyOutDir: true,
    lib: {
      // The ES modules in one build: the status and bills entries import what the checkout entry
      // has, so the code they share stays in `paylater-checkout.js` and they import it from there.
      entry: Object.fromEntries(Object.entries(MODULES).map(([name, file]) => [name, sourcePath(file)])),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      ...cdnBuild(outDir).rolldownOptions,
      // Lets `paylater-checkout.js` export the shared code `paylater-bills.js` needs (under short
      // internal names), instead of both importing a third, shared chunk.
      preserveEntrySignatures: 'allow-extension',
    },
  },
});
