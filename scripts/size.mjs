#!/usr/bin/env node
/**
 * Sizes of the CDN bundle (built by `vite build`): raw, gzip (level 9) and brotli (quality 11),
 * with a check that fails the build. Exits non-zero when `dist/cdn/paylater-checkout.js` is above
 * 16 kB gzip (kB = 1,000 bytes; the goal is 12 kB), or when a bundle contains something that must
 * never reach the browser: zod, a Xendit key prefix (`xnd_`), or a `node:` import.
 *
 * Usage: npm run size   (after `vite build`; `npm run build` runs both)
 */
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const LIMIT = 16_000;
const GOAL = 12_000;
const dir = new URL('../dist/cdn/', import.meta.url);
const files = ['paylater-checkout.js', 'paylater-checkout.iife.js'];
const forbidden = ['zod', 'xnd_', 'node:'];
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

let failed = false;
const rows = [];
for (const file of files) {
  const url = new URL(file, dir);
  if (!existsSync(url)) {
    console.error(`size: ${file} is missing; run \`vite build\` first.`);
    process.exit(1);
  }
  const bytes = readFileSync(url);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ file: `dist/cdn/${file}`, raw: kB(bytes.length), gzip: kB(gzip), brotli: kB(brotli) });
  const text = bytes.toString('utf8');
  for (const word of forbidden) {
    if (text.includes(word)) {
      console.error(`size: ${file} contains "${word}", which must never reach the browser.`);
      failed = true;
    }
  }
  if (file === files[0]) {
    if (gzip > LIMIT) {
      console.error(`size: ${file} is ${kB(gzip)} gzip, above the ${kB(LIMIT)} limit.`);
      failed = true;
    } else if (gzip > GOAL) {
      console.log(`size: ${file} is ${kB(gzip)} gzip: under the ${kB(LIMIT)} limit, above the ${kB(GOAL)} goal.`);
    } else {
      console.log(`size: ${file} is ${kB(gzip)} gzip: within the ${kB(GOAL)} goal.`);
    }
  }
}
console.table(rows);
process.exit(failed ? 1 : 0);
