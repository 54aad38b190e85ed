// npm run screenshot: renders the browser page (api-gateway/public/) in headless Chromium while it
// draws the diagram's order, and saves docs/browser.png, the picture in README.md.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { startSandbox } from '../test/support/harness';
import { ROOT } from '../launcher/services';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1060 } });
    await page.goto(sandbox.url);
    await page.waitForSelector('#users tbody tr');
    // slow lookups make the parallel fan-out visible, on the diagram and in the timeline
    await page.fill('[name="delay-user"]', '400');
    await page.fill('[name="delay-product"]', '400');
    await page.click('#create-order button');
    await page.waitForSelector('#message.ok');
    await page.waitForSelector('#hop-order-service-product-service.active'); // mid-animation: 3a and 3b lit
    const file = path.join(ROOT, 'docs', 'browser.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`saved ${path.relative(process.cwd(), file)}`);
  } finally {
    await browser.close();
    await sandbox.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
