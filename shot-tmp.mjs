import { startDemoShop } from './demo/shop.ts';
import { chromium } from 'playwright-core';
const shop = await startDemoShop({ port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'id-ID' });
const page = await context.newPage();
await page.goto(`${shop.url}/?lang=id`);
await page.locator('.product paylater-message').first().locator('[part~="amount"]').waitFor();
await page.screenshot({ path: '/tmp/shop-375-id.png', fullPage: false });
// keyboard: tab to the first "Lihat pilihan"
for (let i = 0; i < 30; i++) { await page.keyboard.press('Tab'); const name = await page.evaluate(() => { let a = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return a?.textContent; }); if (name?.includes('Lihat pilihan')) break; }
await page.keyboard.press('Enter');
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/dialog-375-id.png' });
await page.keyboard.press('Escape');
await page.selectOption('select[name=quantity] >> nth=0', '5');
// add to cart
await page.locator('.product button[type=submit]').first().click();
await page.waitForLoadState();
await page.locator('#cart').scrollIntoViewIfNeeded();
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/cart-375-id.png' });
await browser.close(); await shop.close();
