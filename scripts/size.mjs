#!/usr/bin/env node
/**
 * Sizes of the CDN files (built by `vite build`): raw, gzip (level 9) and brotli (quality 11), with
 * checks that fail the build:
 * - `dist/cdn/paylater-checkout.js` above 16 kB gzip (kB = 1,000 bytes; the goal is 12 kB);
 * - `dist/cdn/paylater-status.js` (the status element alone: it imports Lit and the shared code
 *   from `paylater-checkout.js`) above 4 kB gzip;
 * - `dist/cdn/paylater-bills.js` (the bill element alone: it imports Lit and the shared code from
 *   `paylater-checkout.js`) above 8 kB gzip;
 * - `dist/cdn/paylater-message.iife.js` (`<paylater-message>` alone, self-contained, for product
 *   pages without the checkout) above 8 kB gzip;
 * - `dist/cdn/paylater-message.js` (`<paylater-message>` alone: it imports the shared code from
 *   `paylater-checkout.js`) above 3 kB gzip; its goal, 2 kB, is not met yet;
 * - `dist/cdn/paylater-errors.js` (the rarely shown texts: errors, notices; loaded the first time
 *   one is shown) above 1 kB gzip;
 * - `dist/cdn/paylater-in-app.js` (the note shown in an in-app browser, loaded only there: it
 *   imports Lit and the shared code from `paylater-checkout.js`) above 2 kB gzip;
 * - a language file, `dist/cdn/locales/<lang>.js`, above 2.5 kB gzip (the texts of the checkout,
 *   the status and the message: Thai's script makes it the largest);
 * - any file containing something that must never reach the browser: zod, a Xendit key prefix
 *   (`xnd_`), or a `node:` import.
 *
 * Usage: npm run size   (after `vite build`; `npm run build` runs both)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = new URL('../dist/cdn/', import.meta.url);
/** Each file, and its gzip budget where it has one. */
const files = [
  { file: 'paylater-checkout.js', limit: 16_000, goal: 12_000 },
  { file: 'paylater-checkout.iife.js', note: 'self-contained: both tags' },
  { file: 'paylater-status.js', limit: 4_000, note: '+ paylater-checkout.js, which it imports' },
  { file: 'paylater-bills.js', limit: 8_000, note: '+ paylater-checkout.js, which it imports' },
  { file: 'paylater-bills.iife.js', note: 'self-contained: all three tags' },
  { file: 'paylater-message.iife.js', limit: 8_000, note: 'self-contained: <paylater-message> alone' },
  { file: 'paylater-message.js', limit: 3_000, goal: 2_000, note: '+ paylater-checkout.js, which it imports' },
  { file: 'paylater-errors.js', limit: 1_000, note: 'rarely shown texts, loaded the first time one is shown' },
  { file: 'paylater-in-app.js', limit: 2_000, note: 'the in-app browser\'s note, loaded only in one' },
  { file: 'paylater-message-dialog.js', note: 'the message\'s dialog, loaded on "See plans"' },

  // Each language file on its own: at most 2.5 kB gzip, so that adding a language stays cheap.
  ...(existsSync(new URL('locales/', dir)) ? readdirSync(new URL('locales/', dir)) : [])
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => ({ file: `locales/${name}`, limit: 2_500, note: 'one language' })),
];
const forbidden = ['zod', 'xnd_', 'node:'];
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

let failed = false;
const rows = [];
for (const { file, limit, goal, note } of files) {
  const url = new URL(file, dir);
  if (!existsSync(url)) {
    console.error(`size: ${file} is missing; run \`vite build\` first.`);
    process.exit(1);
  }
  const bytes = readFileSync(url);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ file: `dist/cdn/${file}`, raw: kB(bytes.length), gzip: kB(gzip), brotli: kB(brotli), ...(note ? { note } : {}) });
  const text = bytes.toString('utf8');
  for (const word of forbidden) {
    if (text.includes(word)) {
      console.error(`size: ${file} contains "${word}", which must never reach the browser.`);
      failed = true;
    }
  }
  if (!limit) continue;
  if (gzip > limit) {
    console.error(`size: ${file} is ${kB(gzip)} gzip, above the ${kB(limit)} limit.`);
    failed = true;
  } else if (goal && gzip > goal) {
    console.log(`size: ${file} is ${kB(gzip)} gzip: under the ${kB(limit)} limit, above the ${kB(goal)} goal.`);
  } else {
    console.log(`size: ${file} is ${kB(gzip)} gzip: within the ${kB(goal ?? limit)} ${goal ? 'goal' : 'limit'}.`);
  }
}
console.table(rows);
process.exit(failed ? 1 : 0);
