import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { existsSync, writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';

const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

// Counts every test so `npm test` can print one summary line for all suites.
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const t of suite?.tests ?? []) {
          if (t.skipped) counts.skipped += 1;
          else if (t.passed) counts.passed += 1;
          else counts.failed += 1;
        }
        for (const s of suite?.suites ?? []) walk(s);
      };
      for (const session of sessions) {
        walk(session.testResults);
        if (!session.passed && !session.testResults) counts.failed += 1;
        if (session.errors?.length) counts.failed += session.errors.length;
      }
      if (process.env.PAYLATER_WTR_SUMMARY) writeFileSync(process.env.PAYLATER_WTR_SUMMARY, JSON.stringify(counts));
    },
  };
}

const filter = process.env.PAYLATER_WTR_FILTER ?? '';

export default {
  files: [filter ? `test/**/*${filter}*.browser.test.ts` : 'test/**/*.browser.test.ts'],
  reporters: [defaultReporter(), countingReporter()],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware: [
    (ctx, next) => {
      if (ctx.path === '/mockServiceWorker.js') ctx.url = '/test/msw/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      // One browser context per test file: in a shared context only the front tab gets animation
      // frames, so a file running beside another would wait forever in `fixture()`.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ],
      },
    }),
  ],
};
