/**
 * What the two browser benchmarks (bench/widget.ts, bench/message.ts) share: a file's size raw,
 * gzip and brotli, and their baseline, a minimal Lit element bundled and minified the same way as
 * the CDN files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Bytes raw, gzip (level 9) and brotli (quality 11). */
export const sizeOf = (bytes: Buffer) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** `entry` (a minimal element's source) bundled and minified as the CDN's ES modules are. */
export async function bundleBaseline(entry: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'paylater-bench-baseline-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      publicDir: false,
      build: {
        outDir: dir,
        emptyOutDir: true,
        target: 'es2022',
        minify: 'oxc',
        reportCompressedSize: false,
        lib: { entry, formats: ['es'], fileName: () => 'baseline.js' },
        rolldownOptions: { output: { minify: true } },
      },
    });
    return readFileSync(join(dir, 'baseline.js'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
